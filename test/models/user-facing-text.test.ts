/**
 * T6: staff read Swedish, not rule ids. Every text people see – forms, the notice texts the models hand to the approval,
 * task names, mails, the call script, the service's pages – carries no rule id (R1–R22, P1–P12, T1–T6), no variable
 * name and no message or job name; and the state labels are one set in forms, pages, feeds and mails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  JOB_TYPES,
  MESSAGES,
  NOTICE_KINDS,
  NOTICE_STATE_LABELS,
  NOTICE_STATES,
  NOTIFY_TEMPLATE_IDS,
  type NotifyTemplate,
} from '../../contract';
import { renderMail } from '../../service/mail/MailContent';
import { callListMail, noticeUpdateMail, notifyMail, serviceDeskTicketMail, vendorContactMail, type MailContext } from '../../service/mail/templates';
import { callerScript, scriptText } from '../../service/web/views/callerScript';
import { intakeFormPage, reportResultPage } from '../../service/web/views/intakeViews';
import { itPage } from '../../service/web/views/itViews';
import { noticeDetailPage, noticePage } from '../../service/web/views/noticeViews';
import type { Notice } from '../../service/notices';
import { readModelFacts } from '../../lint/modelFacts';

const ROOT = path.join(__dirname, '../..');

/** Words people must not meet: rule ids, camelCase identifiers (variable names), message and job names. */
const RULE_ID = /\b[RPT](?:[1-9]|1\d|2[0-2])\b(?!\/)/;
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z]*\b/g;
const ALLOWED_CAMEL_CASE = new Set(['webSesam']);
const TECHNICAL_NAMES = [...Object.values(MESSAGES), ...Object.values(JOB_TYPES), ...NOTIFY_TEMPLATE_IDS];

function problemsIn(where: string, text: string): string[] {
  const out: string[] = [];
  const visible = text.replace(/https?:\/\/\S+/g, ''); // addresses may contain anything
  const rule = RULE_ID.exec(visible);
  if (rule) out.push(`${where}: rule id ${rule[0]} in «${visible.slice(Math.max(0, rule.index - 40), rule.index + 20)}»`);
  for (const m of visible.match(CAMEL_CASE) ?? []) if (!ALLOWED_CAMEL_CASE.has(m)) out.push(`${where}: variable-like name ${m}`);
  for (const name of TECHNICAL_NAMES) if (visible.includes(name)) out.push(`${where}: technical name ${name}`);
  return out;
}

/** Strip HTML tags and attributes (attribute values such as ids and names are not read by people). */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

interface FormComponent {
  text?: string;
  label?: string;
  description?: string;
  content?: string;
  dateLabel?: string;
  timeLabel?: string;
  values?: { label: string; value?: string }[];
  components?: FormComponent[];
}

const CTX: MailContext = {
  disruptionId: 'SESAM-20261125-1',
  system: 'sesam',
  reportedAt: '2026-11-25T09:00:00+01:00',
  drill: true,
  scope: 'sesam-down',
  summary: 'Sesam svarar inte',
  prognosis: 'onsdag 25 november 2026 kl. 14.30 (ny server)',
  serviceDeskTicketId: 'INC0010001',
  slaTarget: 'response',
  noticeUrl: 'http://localhost:3000/driftinfo',
  noticeUpdateNumber: 2,
  reportCount: 3,
  systemOwnerOnDutyReason: 'Helgdag: Juldagen',
  systemOwnerContact: 'Systemansvarig Sesam',
  tasklistUrl: 'http://localhost:8081/',
  acknowledgeWithin: '30 minuter',
  acknowledgeBy: 'onsdag 25 november 2026 kl. 09.30',
  backupRoutineReason: 'prognosis-passed',
};

const NOTICE: Notice = {
  id: 'SESAM-20261125-1',
  disruptionId: 'SESAM-20261125-1',
  kind: 'disruption',
  state: 'identified',
  title: 'Driftstörning i Sesam',
  body: 'Region Skånes IT felsöker.',
  prognosis: 'Sesam beräknas fungera igen onsdag 25 november 2026 kl. 14.30.',
  links: [{ title: 'Reservrutin Ortopedtekniska tjänster', url: 'https://vardgivare.skane.se/' }],
  approvedBy: 'systemansvarig',
  drill: false,
  publishedAt: '2026-11-25T08:10:00Z',
  updatedAt: '2026-11-25T08:40:00Z',
  updateNumber: 1,
  url: 'http://localhost:3000/driftinfo/meddelande/SESAM-20261125-1',
  updates: [],
};

describe('T6: user-facing text is Swedish – no rule ids, variable names or message names', () => {
  it('T6: forms – every heading, label, description, option and html text', () => {
    // given every form's visible texts (FEEL templates {{…}} are evaluated, not shown)
    const problems: string[] = [];
    for (const file of readdirSync(path.join(ROOT, 'forms')).filter((f) => f.endsWith('.form'))) {
      const walk = (components: FormComponent[]) => {
        for (const c of components) {
          const texts = [c.text, c.label, c.description, c.dateLabel, c.timeLabel, c.content && textOf(c.content), ...(c.values ?? []).map((v) => v.label)];
          for (const t of texts) if (t) problems.push(...problemsIn(file, t.replace(/\{\{[\s\S]*?\}\}/g, ' ')));
          walk(c.components ?? []);
        }
      };
      walk((JSON.parse(readFileSync(path.join(ROOT, 'forms', file), 'utf8')) as { components: FormComponent[] }).components);
    }
    // then none
    expect(problems).toEqual([]);
  });

  it('T6: models – task and event names, and the notice texts the models hand to the approval', async () => {
    // given the names of every element (shown in the task list and the timeline) and the literal notice texts
    const facts = await readModelFacts(path.join(ROOT, 'bpmn'));
    const problems = facts.elements.flatMap((e) => (e.name ? problemsIn(`${e.processId}/${e.id}`, e.name) : []));
    for (const file of readdirSync(path.join(ROOT, 'bpmn')).filter((f) => f.endsWith('.bpmn'))) {
      const xml = readFileSync(path.join(ROOT, 'bpmn', file), 'utf8');
      for (const m of xml.matchAll(/<zeebe:input source="([^"]*)" target="(noticeTitle|noticeBody)"/g)) {
        const literals = [...m[1].replace(/&quot;/g, '"').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]).join(' ');
        problems.push(...problemsIn(`${file} ${m[2]}`, literals));
      }
    }
    // then none
    expect(problems).toEqual([]);
  });

  it('T6: mails – every notify-role template, the call list, the vendor, the service desk and the notice update', () => {
    // given every mail rendered with a full context (drill on, so the drill banner is checked too)
    const mails = [
      ...NOTIFY_TEMPLATE_IDS.map((t) => renderMail(notifyMail(t as NotifyTemplate, CTX))),
      renderMail(callListMail('system-restored', CTX, [{ name: 'Lena Berg', unit: 'VC Söder', phone: '040-33 10 00', receivedAt: '2026-11-25T09:40:00+01:00' }])),
      renderMail(vendorContactMail(CTX, { name: 'Visma', customerReference: 'Region Skåne – Hjälpmedel Skåne' })),
      renderMail(serviceDeskTicketMail(CTX, 'driftstorning-sesam:SESAM-20261125-1')),
      ...NOTICE_STATES.map((state) => renderMail(noticeUpdateMail(CTX, { ...NOTICE, state, updateNumber: 2 }, 'http://localhost:3000/avsluta'))),
    ];
    // then none carries a rule id, a variable or message name (reference codes in the ticket subject are data, not words)
    const problems = mails.flatMap((m, i) => [...problemsIn(`mail ${i} subject`, m.subject.replace(/\[driftstorning-sesam:[^\]]+\]/, '')), ...problemsIn(`mail ${i}`, m.text.replace(/driftstorning-sesam:\S+/g, ''))]);
    expect(problems).toEqual([]);
  });

  it('T6: the call script, the intake, /it and the public notice pages', () => {
    // given the pages and scripts rendered with sample data
    const session = { name: 'Anna Andersson', csrf: 'x', groups: ['system-owner', 'assistive-devices-operation'] };
    const scripts = [
      callerScript({ noticePageUrl: 'http://localhost:3000/driftinfo' }),
      callerScript({ scope: 'desk-only', noticePageUrl: 'http://localhost:3000/driftinfo' }),
      callerScript({ scope: 'full-it-outage', noticePageUrl: 'http://localhost:3000/driftinfo', backupRoutine: NOTICE }),
    ].flatMap((s) => scriptText(s));
    const stored = {
      report: { reportId: 'r1', receivedAt: '2026-11-25T09:00:00+01:00', channel: 'phone' as const, deskOnly: false, reporterName: 'Eva' },
      drill: true,
      status: 'delivered' as const,
      outcome: 'started' as const,
      disruptionId: 'SESAM-20261125-1',
      attempts: 1,
      submittedBy: 'desk',
    };
    const open = [{ disruptionId: 'SESAM-20261125-1', processInstanceKey: '1', drill: true, reportedAt: '2026-11-25T08:00:00Z', reportCount: 2 }];
    const pages = [
      intakeFormPage({ session, recent: [stored], openNotices: [NOTICE], openDisruptions: open, outbox: true }),
      reportResultPage({ session, stored, notice: NOTICE, script: callerScript({ noticePageUrl: 'http://localhost:3000/driftinfo' }), outbox: true }),
      itPage({ session, disruptions: open, past: [{ ...open[0], restoredAt: '2026-11-25T12:00:00Z' }], notices: [NOTICE], outbox: true }),
      noticePage({ current: [NOTICE], past: [{ ...NOTICE, state: 'resolved' }], backupRoutine: { ...NOTICE, kind: 'backup-routine', state: 'in-effect' }, drill: true, baseUrl: 'http://localhost:3000' }),
      noticeDetailPage({ ...NOTICE, drill: true }),
    ];
    // then none
    const problems = [...scripts.flatMap((t) => problemsIn('call script', t)), ...pages.flatMap((p, i) => problemsIn(`page ${i}`, textOf(p)))];
    expect(problems).toEqual([]);
  });

  it('T6: one set of state labels – the approval form offers exactly the contract labels, for every state and kind', () => {
    // given the approval form's state options and its kind texts
    const form = JSON.parse(readFileSync(path.join(ROOT, 'forms/approve-notice.form'), 'utf8')) as { components: (FormComponent & { key?: string })[] };
    const options = form.components.find((c) => c.key === 'noticeState')!.values!;
    const kindText = form.components.find((c) => (c.text ?? '').startsWith('Typ av driftinformation'))!.text!;
    // then each option's label is the contract's label of its state, and every kind is named
    expect(Object.fromEntries(options.map((o) => [o.value, o.label]))).toEqual(NOTICE_STATE_LABELS);
    for (const kind of NOTICE_KINDS) expect(kindText).toContain(`"${kind}"`);
  });
});
