import { SERVICE_DESK_PHONE, type Scope } from '../../../contract';
import type { Notice } from '../../notices';

/** One sentence the desk says; `link` is shown as a link after the text. */
export interface ScriptLine {
  text: string;
  link?: string;
}

export interface CallerScript {
  /** `desk-only` when only the desk has lost contact with Sesam (R18); `full-it-outage` in a full IT outage (R12). */
  situation: 'disruption' | 'desk-only' | 'full-it-outage';
  noticeUrl: string;
  lines: ScriptLine[];
}

/**
 * What the desk tells a calling prescriber (R6, R16; R12 in a full IT outage; R18 when only the desk lost contact; R19
 * while the backup routine applies). The same words on the intake page and in the API answer. T4: the desk-only script
 * never says that Sesam works for the caller – the desk cannot know that; a caller who cannot reach Sesam either is
 * logged as such, which starts a disruption of its own.
 */
export function callerScript(options: { scope?: Scope; deskOnlyReport?: boolean; notice?: Notice; deskOnlyNotice?: Notice; backupRoutine?: Notice; noticePageUrl: string }): CallerScript {
  const deskOnly = options.scope === 'desk-only' || (!options.scope && (options.deskOnlyReport || (options.deskOnlyNotice && !options.notice)));
  const noticeUrl = (deskOnly ? options.deskOnlyNotice?.url : options.notice?.url) ?? options.noticePageUrl;
  const backup = options.backupRoutine ? [{ text: 'Reservrutinen gäller: akuta OT-remisser skickas på papper per fax eller post till Aktiv Ortopedteknik.' }] : [];
  if (deskOnly) {
    return {
      situation: 'desk-only',
      noticeUrl,
      lines: [
        { text: 'Hjälpmedel Administration har just nu ingen kontakt med Sesam på grund av en lokal störning hos oss. Vi arbetar via tjänstemobil och kan svara långsammare än vanligt.' },
        { text: 'Mer information finns på driftinformationen:', link: noticeUrl },
        { text: `Når du inte heller Sesam? Säg det, så anmäler vi det som en driftstörning. Du kan också ringa IT:s servicedesk på ${SERVICE_DESK_PHONE}.` },
      ],
    };
  }
  if (options.scope === 'full-it-outage') {
    return {
      situation: 'full-it-outage',
      noticeUrl,
      lines: [
        { text: 'Region Skåne har ett omfattande IT-avbrott som också gör att Sesam inte fungerar. Region Skånes IT arbetar med det och vi följer deras instruktioner.' },
        { text: 'Vänta med beställningar i Sesam tills vidare – vi meddelar dig när systemet fungerar igen.' },
        ...backup,
      ],
    };
  }
  return {
    situation: 'disruption',
    noticeUrl,
    lines: [
      { text: 'Vi känner till att Sesam inte fungerar och felet är anmält till Region Skånes IT.' },
      { text: 'Aktuell information och prognos finns på driftinformationen:', link: noticeUrl },
      { text: 'Vänta med beställningar i Sesam tills vidare – vi meddelar när systemet fungerar igen.' },
      { text: `Du kan också ringa IT:s servicedesk på ${SERVICE_DESK_PHONE} och anmäla felet direkt.` },
      ...backup,
    ],
  };
}

/** The script as plain sentences (API). */
export function scriptText(script: CallerScript): string[] {
  return script.lines.map((l) => (l.link ? `${l.text} ${l.link}` : l.text));
}
