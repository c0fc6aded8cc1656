/** Timelines and steps as readable Swedish (the failing timeline is printed this way). */
import type { Scope } from '../../../contract';
import { durationText, MINUTE, offsetText, stockholmFull } from '../support/time';
import type { CallerSpec, RelativeTime, Step, Timeline } from './steps';

export const SCOPE_SV: Record<Scope, string> = {
  'full-it-outage': 'fullskaligt IT-avbrott i regionen (3a)',
  'sesam-down': 'Sesam nås inte av någon användare (3b)',
  'desk-only': 'bara Hjälpmedel Administration saknar kontakt med Sesam (3c)',
};

export function callerText(c: CallerSpec): string {
  if (c.deskOnly) return 'Hjälpmedel Administration anmäler att bara de saknar kontakt med Sesam';
  return `Förskrivare ${c.caller + 1} ringer${c.email ? ' och lämnar e-post' : ' (bara telefonnummer)'}`;
}

/** A relative time before it is resolved: "om 2 h 30 min", "4-timmarsgränsen + 20 min", "prognosens tid − 5 min". */
export function relativeSv(t: RelativeTime): string {
  const ms = t.offsetMin * MINUTE;
  if (t.anchor === 'now') return ms >= 0 ? `om ${durationText(ms)}` : `för ${durationText(ms)} sedan`;
  return offsetText(t.anchor === 'mark' ? '4-timmarsgränsen' : 'den senaste prognosens tid', ms);
}

export function describeStep(step: Step): string {
  const target = 'd' in step && step.d > 0 ? ` [driftstörning nr ${step.d + 1}]` : '';
  switch (step.kind) {
    case 'report':
      return callerText(step);
    case 'concurrentReports':
      return `${step.calls.length} samtal samtidigt: ${step.calls.map(callerText).join('; ')}`;
    case 'assess':
      return `Hjälpmedel Administration bedömer omfattningen: ${SCOPE_SV[step.scope]}${target}`;
    case 'acknowledge':
      return `Systemansvarig kvitterar driftstörningen ${step.via === 'task' ? 'i uppgiftslistan' : 'via IT-API:t'}${target}`;
    case 'prognosis':
      return `IT lämnar prognos via IT-API:t: åter i drift ${step.at.anchor === 'now' ? relativeSv(step.at) : `vid ${relativeSv(step.at)}`}${step.withText ? ', med förklarande text' : ''}${target}`;
    case 'approve': {
      const which = step.pick === 'oldest' ? 'den äldsta väntande driftinformationen' : 'den senaste väntande driftinformationen';
      const typed = step.typedPrognosis ? ` och skriver in prognosen i formuläret: åter i drift ${step.typedPrognosis.anchor === 'now' ? relativeSv(step.typedPrognosis) : `vid ${relativeSv(step.typedPrognosis)}`}` : '';
      if (step.how === 'approve') return `Systemansvarig godkänner ${which}${typed}${target}`;
      if (step.how === 'refuse') return `Systemansvarig avslår ${which}${target}`;
      return `Hjälpmedel Administration (inte systemansvarig) tar ${which} och försöker godkänna den${target}`;
    }
    case 'decide':
      return `VO Hjälpmedel beslutar om reservrutinen: ${step.decision === 'start-now' ? 'starta den nu' : 'avvakta prognosen'}${target}`;
    case 'clock':
      return step.to.anchor === 'now' ? `Klockan går fram ${durationText(step.to.offsetMin * MINUTE)}` : `Klockan går fram till ${relativeSv(step.to)}${target}`;
    case 'restore':
      return `IT meddelar via IT-API:t att Sesam fungerar igen${target}`;
    case 'itInstructions':
      return `IT ger instruktioner till VO Hjälpmedel${target}`;
    case 'followInstructions':
      return `VO Hjälpmedel följer IT:s instruktioner${target}`;
    case 'connectMobile':
      return `Hjälpmedel Administration kopplar upp via tjänstemobil${target}`;
    case 'reconcile':
      return `Aktiv Ortopedteknik rapporterar ${step.received} mottagna och ${step.entered} inmatade pappersremisser${target}`;
    case 'review':
      return `VO Hjälpmedel gör uppföljningen av driftstörningen${target}`;
  }
}

export function describeTimelineHead(t: Timeline): string[] {
  const lines = [`Start: ${stockholmFull(Date.parse(t.start.iso))} (${t.start.note})${t.drill ? ' – ÖVNING (alla anmälningar är övning)' : ''}`];
  if (t.serviceLagMin !== 0) {
    lines.push(`Tjänstens klocka går ${durationText(t.serviceLagMin * MINUTE)} ${t.serviceLagMin > 0 ? 'efter' : 'före'} motorns (som efter en flyttad övningsklocka)`);
  }
  return lines;
}

/** The whole timeline, unresolved (as generated). */
export function describeTimeline(t: Timeline): string {
  return [...describeTimelineHead(t), ...t.steps.map((s, i) => `${i + 1}. ${describeStep(s)}`)].join('\n');
}
