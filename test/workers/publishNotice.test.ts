import { ERROR_CODES } from '../../contract';
import { handlePublishNotice, PUBLISH_NOTICE } from '../../workers/publishNotice';
import { DISRUPTION, startHarness, type Harness } from './support/harness';
import { fakeJob, redeliver } from './support/fakeJob';
import { FakeCms } from './support/FakeCms';

const NOTICE = {
  kind: 'disruption',
  state: 'investigating',
  title: 'Driftstörning i Sesam <felsökning>',
  body: 'Sesam går inte att nå. IT felsöker. Vänligen avvakta <b>inga</b> nya beställningar.',
  prognosis: { expectedAt: '2026-11-24T14:30:00+01:00', text: 'Ny server startas', source: 'it' },
};
const APPROVAL = { approved: true, approvedBy: 'systemansvarig', approvedAt: '2026-11-24T09:30:00+01:00' };
/** What the approval task's completing listener (verify-notice-approver) recorded on the process instance (R3). */
const RECORDED = { noticeApprovedBy: 'systemansvarig', noticeApprovedAt: '2026-11-24T09:31:00+01:00' };

function subscribe(h: Harness, emails: string[]): void {
  for (const e of emails) {
    const { confirmToken } = h.services.subscribers.subscribe(e);
    h.services.subscribers.confirm(confirmToken!);
  }
}

describe('publish-notice (R3, R4, R17, R21, P3)', () => {
  let h: Harness;
  let cms: FakeCms;
  beforeEach(async () => {
    cms = new FakeCms();
    const url = await cms.start();
    h = await startHarness({ NOTICE_WEBHOOK_URL: url, NOTICE_WEBHOOK_TOKEN: 'cms-token', MAIL_BATCH_SIZE: '2' });
  });
  afterEach(async () => {
    await h.close();
    await cms.stop();
  });

  test('R3: refuses without approval – BPMN error NOTICE_NOT_APPROVED, nothing stored or sent', async () => {
    // given
    subscribe(h, ['a@vard.example']);
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: { ...APPROVAL, approved: false }, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then
    expect(calls.error).toEqual([expect.objectContaining({ errorCode: ERROR_CODES.noticeNotApproved })]);
    expect(calls.complete).toHaveLength(0);
    expect(h.services.notices.list({ includeDrill: true })).toHaveLength(0);
    expect(h.smtp.mails).toHaveLength(0);
    expect(cms.posts).toHaveLength(0);
  });

  test('R3: the approver is the one the approval task\'s completing listener recorded – not the form\'s free text, which may be blank', async () => {
    // given the system owner approved (the listener recorded her) with the form's text field saying something else, or blank
    const typed = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: { approved: true, approvedBy: 'Kalle Anka' }, ...RECORDED });
    const blank = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, disruptionId: 'DS-2', notice: NOTICE, noticeApproval: { approved: true, approvedBy: '' }, ...RECORDED });
    // when
    await handlePublishNotice(typed.job, h.services);
    await handlePublishNotice(blank.job, h.services);
    // then
    expect(typed.calls.complete).toHaveLength(1);
    expect(blank.calls.complete).toHaveLength(1);
    expect(h.services.notices.list().map((n) => [n.approvedBy, n.updates[0].approvedAt])).toEqual([
      ['systemansvarig', RECORDED.noticeApprovedAt],
      ['systemansvarig', RECORDED.noticeApprovedAt],
    ]);
  });

  test('R3: without a recorded approver (a model without the approval task\'s listener) nothing is published – an incident naming noticeApprovedBy', async () => {
    // given
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL });
    // when
    await handlePublishNotice(job, h.services);
    // then
    expect(calls.fail).toEqual([expect.objectContaining({ retries: 0, errorMessage: expect.stringContaining('noticeApprovedBy') })]);
    expect(h.services.notices.list({ includeDrill: true })).toHaveLength(0);
  });

  test('R4, P3: stores the approved notice, mails every confirmed subscriber in batches (escaped, with links and unsubscribe) and posts to the CMS', async () => {
    // given three confirmed subscribers and one unconfirmed
    subscribe(h, ['a@vard.example', 'b@vard.example', 'c@vard.example']);
    h.services.subscribers.subscribe('unconfirmed@vard.example');
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then the process gets the published notice
    expect(calls.complete).toHaveLength(1);
    const out = calls.complete[0] as { publishedNotice: { noticeId: string; updateNumber: number; url: string } };
    expect(out.publishedNotice.updateNumber).toBe(1);
    expect(out.publishedNotice.url).toMatch(/^http:\/\/localhost:3000\/driftinfo\/meddelande\//);
    // and the store has it
    const stored = h.services.notices.get(out.publishedNotice.noticeId)!;
    expect(stored).toMatchObject({ state: 'investigating', title: NOTICE.title, approvedBy: 'systemansvarig', drill: false });
    // and each confirmed subscriber got one mail
    expect(h.smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['a@vard.example', 'b@vard.example', 'c@vard.example']);
    const mail = h.smtp.to('a@vard.example')[0];
    expect(mail.subject).toBe('Driftinformation: Driftstörning i Sesam <felsökning> (Felsökning pågår)');
    expect(mail.text).toContain('Sesam går inte att nå.');
    // T2, T6: the prognosis as its time in Swedish (with its text)
    expect(mail.text).toContain('Prognos:     tisdag 24 november 2026 kl. 14.30 (Ny server startas)');
    expect(stored.prognosis).toBe('Sesam beräknas fungera igen tisdag 24 november 2026 kl. 14.30 (Ny server startas).');
    expect(stored.prognosisAt).toBe('2026-11-24T14:30:00+01:00');
    expect(mail.html).toContain('Vänligen avvakta &lt;b&gt;inga&lt;/b&gt; nya beställningar.');
    expect(mail.html).toContain(`href="${out.publishedNotice.url}"`);
    expect(mail.html).toContain('Reservrutin Ortopedtekniska tjänster');
    expect(mail.text).toContain('/driftinfo/prenumeration/avsluta/');
    // List-Unsubscribe and List-Unsubscribe-Post (one click, RFC 8058); mailparser folds List-* into `list`
    expect(Object.keys(mail.headers.get('list') as object)).toEqual(expect.arrayContaining(['unsubscribe', 'unsubscribe-post']));
    // and the CMS got the update once
    expect(cms.posts).toHaveLength(1);
    expect(cms.posts[0].headers.authorization).toBe('Bearer cms-token');
    expect(cms.posts[0].body).toMatchObject({ event: 'notice.published', noticeId: out.publishedNotice.noticeId, updateNumber: 1, state: 'investigating' });
  });

  test('R4, P3: exactly once – a publish-notice job delivered twice stores one update, mails each subscriber once, posts once', async () => {
    // given
    subscribe(h, ['a@vard.example', 'b@vard.example']);
    const first = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED });
    await handlePublishNotice(first.job, h.services);
    // when
    const second = redeliver(first.job);
    await handlePublishNotice(second.job, h.services);
    // then
    expect(second.calls.complete).toEqual(first.calls.complete);
    expect(h.smtp.mails).toHaveLength(2);
    expect(cms.posts).toHaveLength(1);
    expect(h.services.notices.list()[0].updates).toHaveLength(1);
  });

  test('P3: a second update reaches every subscriber again as update 2', async () => {
    // given
    subscribe(h, ['a@vard.example']);
    await handlePublishNotice(fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED }).job, h.services);
    // when
    const next = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: { ...NOTICE, state: 'identified', body: 'Orsaken är hittad.' }, noticeApproval: APPROVAL, ...RECORDED });
    await handlePublishNotice(next.job, h.services);
    // then
    expect((next.calls.complete[0] as { publishedNotice: { updateNumber: number } }).publishedNotice.updateNumber).toBe(2);
    expect(h.smtp.mails.map((m) => m.subject)).toEqual([
      'Driftinformation: Driftstörning i Sesam <felsökning> (Felsökning pågår)',
      'Driftinformation: Driftstörning i Sesam <felsökning> (Felet är identifierat)',
    ]);
  });

  test('R4, P3: SMTP down while mailing subscribers: retried; when back, each subscriber gets the update exactly once', async () => {
    // given
    subscribe(h, ['a@vard.example', 'b@vard.example', 'c@vard.example']);
    await h.smtp.stop();
    const first = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED }, {}, { retries: 3 });
    // when
    await handlePublishNotice(first.job, h.services);
    // then
    expect(first.calls.fail).toEqual([expect.objectContaining({ retries: 2, retryBackOff: 10_000 })]);
    expect(first.calls.fail[0].errorMessage).toContain('3 av 3 prenumeranter ej nådda');
    expect(cms.posts).toHaveLength(0);
    // when
    await h.smtp.start();
    const retry = redeliver(first.job, 2);
    await handlePublishNotice(retry.job, h.services);
    await handlePublishNotice(redeliver(first.job, 2).job, h.services);
    // then
    expect(retry.calls.complete).toHaveLength(1);
    expect(h.smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['a@vard.example', 'b@vard.example', 'c@vard.example']);
    expect(cms.posts).toHaveLength(1);
  });

  test('R4, P3: a long subscriber list keeps the job locked – its timeout is extended between batches', async () => {
    // given a slow relay, batches of 2 and a lock of 5 × 100 ms
    h.services.jobTimeoutMs = 100;
    h.smtp.delayMs = 150;
    subscribe(h, ['a@vard.example', 'b@vard.example', 'c@vard.example', 'd@vard.example', 'e@vard.example', 'f@vard.example']);
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then
    expect(calls.complete).toHaveLength(1);
    expect(calls.modifyJobTimeout.length).toBeGreaterThanOrEqual(1);
    expect(calls.modifyJobTimeout.every((t) => t === 500)).toBe(true);
    expect(h.smtp.mails).toHaveLength(6);
  });

  test('P9: a drill notice is marked ÖVNING, mailed only to the local capture and never posted to the CMS', async () => {
    // given
    subscribe(h, ['a@vard.example']);
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, drill: true, notice: NOTICE, noticeApproval: APPROVAL, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then
    expect(calls.complete).toHaveLength(1);
    expect(h.smtp.mails[0].subject).toMatch(/^\[ÖVNING\] Driftinformation:/);
    expect(cms.posts).toHaveLength(0);
    expect(h.services.notices.list({ includeDrill: true })[0].drill).toBe(true);
  });

  test('R3: invalid variables – a notice without a title fails without retries, naming notice.title', async () => {
    // given
    const { job, calls } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice: { ...NOTICE, title: '' }, noticeApproval: APPROVAL, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then
    expect(calls.fail).toEqual([expect.objectContaining({ retries: 0 })]);
    expect(calls.fail[0].errorMessage).toContain('notice.title');
  });

  test('R21: a backup-routine notice links the backup routine document', async () => {
    // given
    subscribe(h, ['a@vard.example']);
    const notice = { kind: 'backup-routine', state: 'identified', title: 'Reservrutin för akuta OT-remisser gäller', body: 'Skicka akuta OT-remisser på papper till Aktiv Ortopedteknik.' };
    const { job } = fakeJob(PUBLISH_NOTICE, { ...DISRUPTION, notice, noticeApproval: APPROVAL, ...RECORDED });
    // when
    await handlePublishNotice(job, h.services);
    // then
    const mail = h.smtp.mails[0];
    expect(mail.text).toContain('Reservrutin Ortopedtekniska tjänster: https://vardgivare.skane.se/');
    expect(mail.html).toContain('Reservrutin Ortopedtekniska tjänster</a>');
  });
});
