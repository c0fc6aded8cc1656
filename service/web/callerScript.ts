import { SERVICE_DESK_PHONE } from '../../workers/contract';
import type { Notice } from '../notices';

/** One sentence the desk says; `link` is shown as a link after the text. */
export interface ScriptLine {
  text: string;
  link?: string;
}

export interface CallerScript {
  /** `desk-only` when only the desk has lost contact with Sesam (R18). */
  situation: 'disruption' | 'desk-only';
  noticeUrl: string;
  lines: ScriptLine[];
}

/**
 * What the desk tells a calling prescriber (R6, R16; R18 when only the desk lost contact; R19 while the backup
 * routine applies). The same words on the intake page and in the API answer.
 */
export function callerScript(options: { notice?: Notice; deskOnlyNotice?: Notice; backupRoutine?: Notice; noticePageUrl: string }): CallerScript {
  const deskOnly = options.deskOnlyNotice && !options.notice;
  const noticeUrl = (deskOnly ? options.deskOnlyNotice?.url : options.notice?.url) ?? options.noticePageUrl;
  if (deskOnly) {
    return {
      situation: 'desk-only',
      noticeUrl,
      lines: [
        { text: 'Sesam fungerar för förskrivare och beställare. Det är Hjälpmedel Administration som just nu saknar kontakt med Sesam.' },
        { text: 'Vi arbetar via tjänstemobil och kan svara långsammare än vanligt.' },
        { text: 'Mer information finns på driftinformationen:', link: noticeUrl },
        { text: `Fungerar Sesam inte heller för dig? Ring IT:s servicedesk på ${SERVICE_DESK_PHONE}.` },
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
      ...(options.backupRoutine ? [{ text: 'Reservrutinen gäller: akuta OT-remisser skickas på papper per fax eller post till Aktiv Ortopedteknik.' }] : []),
    ],
  };
}

/** The script as plain sentences (API). */
export function scriptText(script: CallerScript): string[] {
  return script.lines.map((l) => (l.link ? `${l.text} ${l.link}` : l.text));
}
