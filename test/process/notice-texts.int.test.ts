import { CamundaAssert } from '@camunda8/process-test';
import { MESSAGES } from '../../contract';
import { assess, HOUR, prognosis, reachSesamDown, restore } from './support/paths';
import { setupRoutineProcessTest } from './support/routineProcessTest';
import type { Scenario } from './support/scenario';

const h = setupRoutineProcessTest();

/** What a notice text must not carry (T6): rule ids, variable names (camelCase), message names, machine timestamps. */
function problemsOf(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/\b[RPT]\d{1,2}\b/g)) problems.push(`rule id ${m[0]}`);
  for (const m of text.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b/g)) if (m[0] !== 'webSesam') problems.push(`variable name ${m[0]}`);
  for (const name of Object.values(MESSAGES)) if (text.includes(name)) problems.push(`message name ${name}`);
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*/g)) problems.push(`ISO time ${m[0]}`);
  return problems;
}

/** Every notice the autopilot published in this test, as "kind/state: problems". */
function noticeProblems(s: Scenario): string[] {
  return s.pilot
    .jobs('publish-notice')
    .map((j) => j.variables.notice as { kind: string; state: string; title: string; body: string })
    .flatMap((n) => problemsOf(`${n.title}\n${n.body}`).map((p) => `${n.kind}/${n.state}: ${p}`));
}

describe('notices drafted by the disruption models (driftstorning-sesam, reservrutin-ot)', () => {
  it('T6, P3, R21: every notice of 3b – first notice, prognosis, update, backup routine, resolved – is Swedish for people: no rule ids, variable or message names, no ISO times', async () => {
    // given 3b with the first notice published, the SLA timers out of the way
    const s = h.scenario();
    const d = await reachSesamDown(s, { slaResponseTime: 'PT24H', slaRestoreTime: 'PT24H' });
    const t0 = Date.parse(String((await s.variables(d.processInstanceKey)).reportedAt));
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue', 'Timer_BackupRoutineCheck');

    // when IT gives a prognosis, the reminder's update is approved, VO Hjälpmedel starts the backup routine, and Sesam is restored
    await h.context().increaseTime({ minutes: 50 });
    await s.publish('prognosis-received', d.disruptionId, { prognosis: prognosis(new Date(t0 + 6 * HOUR), 'it', 'Servern byts.') });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishPrognosis');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_NoticeUpdateDue');
    await h.context().increaseTime({ minutes: 10 });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishNoticeUpdate');
    await CamundaAssert.assertThat(d.instance).hasActiveElements('Timer_BackupRoutineCheck');
    await h.context().increaseTime({ hours: 3 });
    await s.completeUserTask(d.processInstanceKey, 'UserTask_DecideBackupRoutine', { backupRoutineDecision: 'start-now' });
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishBackupNotice');
    await restore(s, d);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');

    // then every drafted notice reads as Swedish for people
    expect(s.pilot.jobs('publish-notice').map((j) => (j.variables.notice as { kind: string; state: string }).state)).toEqual(['investigating', 'identified', 'identified', 'in-effect', 'resolved']);
    expect(noticeProblems(s)).toEqual([]);
  });

  it('T6, R18, T4: the 3c special information and its resolved notice are Swedish for people and never say Sesam works for prescribers', async () => {
    // given 3c
    const s = h.scenario();
    const d = await s.startDisruption();
    await assess(s, d, 'desk-only', 'Kabel avgrävd.');
    await s.completeUserTask(d.processInstanceKey, 'UserTask_ConnectViaWorkMobile', { workMobileConnected: true, localFault: 'Avgrävd kabel' });

    // when the special information and, after restoration, the resolved notice are approved
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishDeskOnlyNotice');
    await restore(s, d);
    await s.approveAndPublish(d.processInstanceKey, 'CallActivity_PublishResolvedNotice');

    // then both read as Swedish for people
    expect(s.pilot.jobs('publish-notice')).toHaveLength(2);
    expect(noticeProblems(s)).toEqual([]);
    const special = s.pilot.jobs('publish-notice')[0]!.variables.notice as { body: string };
    expect(special.body).not.toMatch(/fungerar för förskrivar/i);
  });
});
