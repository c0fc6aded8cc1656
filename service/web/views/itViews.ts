import { MESSAGES } from '../../../contract';
import type { OpenDisruption } from '../../intake/DisruptionRegistry';
import type { ItMessageName } from '../../intake/intakeSchemas';
import { NOTICE_STATE_LABELS, type Notice } from '../../notices';
import { html } from '../../../lib/html/html';
import { page, time, type NavLink } from './layout';
import { staffNav } from '../../../lib/web/staffNav';
import type { SafeHtml } from '../../../lib/html/SafeHtml';

const BRAND = 'För IT och systemansvarig – Sesam';

/** Swedish names of IT's messages, as shown on the page and in confirmations. */
export const IT_MESSAGE_LABELS: Record<ItMessageName, string> = {
  [MESSAGES.systemOwnerAcknowledged]: 'Kvittens',
  [MESSAGES.prognosisReceived]: 'Prognos',
  [MESSAGES.itInstructionsReceived]: 'Instruktioner från IT',
  [MESSAGES.systemRestored]: 'Sesam åter i drift',
};

/** Who may send which message: the system owner all (R11, R17, P2, P4); VO Hjälpmedel passes on IT's instructions (R12). */
export const IT_MESSAGE_GROUPS: Record<ItMessageName, string[]> = {
  [MESSAGES.systemOwnerAcknowledged]: ['system-owner'],
  [MESSAGES.prognosisReceived]: ['system-owner'],
  [MESSAGES.itInstructionsReceived]: ['system-owner', 'assistive-devices-operation'],
  [MESSAGES.systemRestored]: ['system-owner'],
};

export interface ItPageModel {
  session: { name: string; csrf: string; groups: string[] };
  disruptions: (OpenDisruption & { reportCount: number })[];
  /** Restored or closed disruptions, for their deviation reports (P7, P8). */
  past: OpenDisruption[];
  notices: Notice[];
  sent?: { name: ItMessageName; disruptionId: string };
  error?: { disruptionId: string; field: string; message: string; values?: Record<string, string> };
  outbox: boolean;
  /** The local task list's base URL (npm start): the menu links it. */
  localWebUrl?: string;
  /**
   * What each disruption's process waits for now, from the engine (by disruption id): a message is offered only while
   * the process can take it. Absent (engine unreachable, not yet started): the forms show as before.
   */
  waiting?: Map<string, DisruptionWaits>;
}

/** Which of IT's messages the disruption's process is waiting for. */
export interface DisruptionWaits {
  /** P4: "Kvittera driftstörningen" is open (the acknowledgement can still be given). */
  acknowledgement: boolean;
  /** R12: a full IT outage (3a) waits for IT's instructions. */
  itInstructions: boolean;
}

function nav(outbox: boolean, staff?: { localWebUrl?: string; groups: string[] }): NavLink[] {
  // one navigation with the local task list, cockpit and dashboard (npm start)
  if (staff?.localWebUrl) return staffNav(staff.groups, { localWeb: staff.localWebUrl, service: '', outbox }).map((l) => ({ href: l.href, label: l.label, current: l.id === 'it' }));
  return [
    { href: '/it', label: 'För IT', current: true },
    { href: '/driftinfo', label: 'Driftinformation' },
    ...(outbox ? [{ href: '/utkorg', label: 'Utkorg (lokal)' }] : []),
  ];
}

function reportHref(disruptionId: string): string {
  return `/it/driftstorning/${encodeURIComponent(disruptionId)}/avvikelserapport`;
}

function may(model: ItPageModel, name: ItMessageName): boolean {
  return model.session.groups.some((g) => IT_MESSAGE_GROUPS[name].includes(g));
}

function fieldError(model: ItPageModel, disruptionId: string, field: string): { attrs: SafeHtml; message: SafeHtml } {
  const e = model.error;
  if (!e || e.disruptionId !== disruptionId || e.field !== field) return { attrs: html``, message: html`` };
  const id = `fel-${field}-${disruptionId}`;
  return { attrs: html` aria-invalid="true" aria-describedby="${id}" autofocus`, message: html`<span class="field-error" id="${id}">${e.message}</span>` };
}

function disruptionSection(model: ItPageModel, d: OpenDisruption & { reportCount: number }): SafeHtml {
  const id = d.disruptionId;
  // the status line: the disruption's most recently updated notice (the backup routine's too)
  const notice = model.notices
    .filter((n) => n.disruptionId === id)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.updateNumber - a.updateNumber)[0];
  const waits = model.waiting?.get(id);
  // 3a only (R12): instructions are asked for once the desk assessed a full IT outage
  const offerInstructions = waits ? waits.itInstructions : d.scope === 'full-it-outage';
  const offerAcknowledgement = waits ? waits.acknowledgement : true;
  const action = (name: ItMessageName) => `/it/${encodeURIComponent(id)}/${name}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${model.session.csrf}">`;
  const prognosisError = fieldError(model, id, 'expectedAt');
  const prognosisTextError = fieldError(model, id, 'prognosisText');
  const instructionsError = fieldError(model, id, 'itInstructions');
  const restoreError = fieldError(model, id, 'confirm');
  const values = model.error?.disruptionId === id ? (model.error.values ?? {}) : {};
  return html`<section class="box" aria-labelledby="storning-${id}">
<h2 id="storning-${id}">${d.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``}${id}</h2>
<p class="meta">Startad ${time(d.reportedAt)} · ${d.reportCount} ${d.reportCount === 1 ? 'anmälan' : 'anmälningar'} · ${
    notice ? html`Driftinformation: ${NOTICE_STATE_LABELS[notice.state]} – ${notice.title}` : html`Driftinformation ännu inte publicerad`
  }</p>
${may(model, MESSAGES.systemOwnerAcknowledged) && offerAcknowledgement
    ? html`<form method="post" action="${action(MESSAGES.systemOwnerAcknowledged)}">${csrf}<p>Kvittera att du som systemansvarig har tagit emot anmälan.</p><button type="submit">Kvittera anmälan</button></form>`
    : html``}
${may(model, MESSAGES.prognosisReceived)
    ? html`<form method="post" action="${action(MESSAGES.prognosisReceived)}" novalidate>${csrf}
<div class="field"><label for="prognos-${id}">Prognos: när beräknas Sesam fungera igen? <span class="hint">(svensk tid; publiceras efter ditt godkännande och avgör om reservrutinen för akuta OT-remisser behövs)</span></label>
${prognosisError.message}<input type="datetime-local" id="prognos-${id}" name="expectedAt" value="${values.expectedAt ?? ''}"${prognosisError.attrs}></div>
<div class="field"><label for="prognostext-${id}">Kommentar till prognosen <span class="hint">(valfri)</span></label>
${prognosisTextError.message}<textarea id="prognostext-${id}" name="prognosisText" rows="2" maxlength="500"${prognosisTextError.attrs}>${values.prognosisText ?? ''}</textarea></div>
<button type="submit">Rapportera prognos</button></form>`
    : html``}
${may(model, MESSAGES.itInstructionsReceived) && offerInstructions
    ? html`<form method="post" action="${action(MESSAGES.itInstructionsReceived)}" novalidate>${csrf}
<div class="field"><label for="instruktioner-${id}">Instruktioner från regionens IT <span class="hint">(vid fullskaligt IT-haveri)</span></label>
${instructionsError.message}<textarea id="instruktioner-${id}" name="itInstructions" rows="3" maxlength="2000"${instructionsError.attrs}>${values.itInstructions ?? ''}</textarea></div>
<button type="submit">Skicka instruktionerna</button></form>`
    : html``}
${may(model, MESSAGES.systemRestored)
    ? html`<form method="post" action="${action(MESSAGES.systemRestored)}">${csrf}<p>När Sesam fungerar igen: allt som pågår för driftstörningen avslutas, de som anmält får besked, reservrutinen upphör och "Åtgärdat" går till ditt godkännande.</p>
<div class="field"><label class="choice" for="bekrafta-${id}"><input type="checkbox" id="bekrafta-${id}" name="confirm" value="yes" required${restoreError.attrs}> Jag bekräftar att Sesam fungerar igen för ${id}</label>${restoreError.message}</div>
<button type="submit">Sesam är åter i drift</button></form>`
    : html``}
<p><a href="${reportHref(id)}">Avvikelserapport med tidslinje</a></p>
</section>`;
}

/** `/it`: IT and the system owner report acknowledgement, prognosis, instructions and restoration (R12, R17, P2, P4, T2). */
export function itPage(model: ItPageModel): string {
  const body = html`<form method="post" action="/intag/logga-ut" class="meta">Inloggad som <strong>${model.session.name}</strong> <input type="hidden" name="_csrf" value="${model.session.csrf}"> <button type="submit" class="secondary">Logga ut</button></form>
<h1>Pågående driftstörningar</h1>
${model.sent
    ? html`<div class="ok" role="status"><p><strong>Skickat: ${IT_MESSAGE_LABELS[model.sent.name]} för ${model.sent.disruptionId}.</strong></p></div>`
    : html``}
${model.error && model.error.field === '_' ? html`<div class="error-summary" role="alert"><p>${model.error.message}</p></div>` : html``}
${model.disruptions.length === 0 ? html`<p class="ok">Inga pågående driftstörningar.</p>` : model.disruptions.map((d) => disruptionSection(model, d))}
${model.past.length > 0
    ? html`<h2>Avslutade driftstörningar</h2><ul>${model.past.map(
        (d) => html`<li>${d.drill ? html`<span class="drill-tag">ÖVNING</span>` : html``}${d.disruptionId}, startad ${time(d.reportedAt)}${d.restoredAt ? html`, åter i drift ${time(d.restoredAt)}` : html``} – <a href="${reportHref(d.disruptionId)}">Avvikelserapport</a></li>`,
      )}</ul>`
    : html``}`;
  return page({ title: BRAND, body, nav: nav(model.outbox, { localWebUrl: model.localWebUrl, groups: model.session.groups }), brand: BRAND, brandHref: '/it' });
}
