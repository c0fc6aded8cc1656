/**
 * The dashboard's figures (Uppföljning) from hand-made engine histories, against figures worked out by hand.
 */
import { computeDashboard, disruptionFacts, minuteStats, stockholmMonth, type DisruptionHistory } from '../../../lib/dashboard/history';
import { dashboardCsv, dashboardSections } from '../../../lib/dashboard/tables';
import { barChart } from '../../../lib/dashboard/charts';

const done = (elementId: string, startDate: string, endDate: string) => ({ elementId, state: 'COMPLETED', startDate, endDate });

function history(key: string, variables: Record<string, unknown>, elements: DisruptionHistory['elements'], state = 'COMPLETED'): DisruptionHistory {
  return { root: { processInstanceKey: key, state, startDate: String(variables.reportedAt) }, variables, elements };
}

/** Four real disruptions and one drill; the expected figures below are worked out by hand from these. */
const HISTORIES: DisruptionHistory[] = [
  // 3b, 09.00 Stockholm 10 March: told 5 min, acknowledged in the task 20 min, first notice 40 min (a later one at 100),
  // vendor 5 min, restored after 150 min, 3 reports, the SLA response time passed
  history('1', { disruptionId: 'SESAM-20260310-1', drill: false, scope: 'sesam-down', reportedAt: '2026-03-10T08:00:00.000Z', restoredAt: '2026-03-10T10:30:00.000Z', reportCount: 3 }, [
    done('ServiceTask_NotifySystemOwner', '2026-03-10T08:05:00.000Z', '2026-03-10T08:05:00.000Z'),
    done('UserTask_AcknowledgeDisruption', '2026-03-10T08:05:00.000Z', '2026-03-10T08:20:00.000Z'),
    done('ServiceTask_PublishNotice', '2026-03-10T09:40:00.000Z', '2026-03-10T09:40:00.000Z'),
    done('ServiceTask_PublishNotice', '2026-03-10T08:40:00.000Z', '2026-03-10T08:40:00.000Z'),
    done('ServiceTask_ContactVendor', '2026-03-10T08:05:00.000Z', '2026-03-10T08:05:00.000Z'),
    done('ServiceTask_NotifySlaResponseBreached', '2026-03-10T09:05:00.000Z', '2026-03-10T09:05:00.000Z'),
  ]),
  // 3b: acknowledged through /it (the boundary message; the task itself terminated), backup routine started, 360 min
  history('2', { disruptionId: 'SESAM-20260320-1', drill: false, scope: 'sesam-down', reportedAt: '2026-03-20T13:00:00.000Z', restoredAt: '2026-03-20T19:00:00.000Z', reportCount: 1 }, [
    done('ServiceTask_NotifySystemOwner', '2026-03-20T13:10:00.000Z', '2026-03-20T13:10:00.000Z'),
    { elementId: 'UserTask_AcknowledgeDisruption', state: 'TERMINATED', startDate: '2026-03-20T13:10:00.000Z', endDate: '2026-03-20T13:40:00.000Z' },
    done('Event_SystemOwnerAcknowledged', '2026-03-20T13:40:00.000Z', '2026-03-20T13:40:00.000Z'),
    done('ServiceTask_PublishNotice', '2026-03-20T14:00:00.000Z', '2026-03-20T14:00:00.000Z'),
    done('ServiceTask_ContactVendor', '2026-03-20T13:10:00.000Z', '2026-03-20T13:10:00.000Z'),
    done('CallActivity_BackupRoutine', '2026-03-20T17:00:00.000Z', '2026-03-20T17:30:00.000Z'),
    done('ServiceTask_NotifySlaResponseBreached', '2026-03-20T14:10:00.000Z', '2026-03-20T14:10:00.000Z'),
  ]),
  // 3a at 00.30 on 1 May in Stockholm (22.30 UTC on 30 April): counts in May; notice after 60 min; 5 reports
  history('3', { disruptionId: 'SESAM-20260501-1', drill: false, scope: 'full-it-outage', reportedAt: '2026-04-30T22:30:00.000Z', restoredAt: '2026-05-01T01:00:00.000Z', reportCount: 5 }, [
    done('ServiceTask_PublishNotice', '2026-04-30T23:30:00.000Z', '2026-04-30T23:30:00.000Z'),
  ]),
  // not yet assessed, still going, 2 reports
  history('4', { disruptionId: 'SESAM-20260502-1', drill: false, reportedAt: '2026-05-02T08:00:00.000Z', reportCount: 2 }, [], 'ACTIVE'),
  // a drill (P9), 3c, 45 min
  history('5', { disruptionId: 'OVNING-SESAM-20260315-1', drill: true, scope: 'desk-only', reportedAt: '2026-03-15T09:00:00.000Z', restoredAt: '2026-03-15T09:45:00.000Z', reportCount: 1 }, [
    done('ServiceTask_PublishNotice', '2026-03-15T09:30:00.000Z', '2026-03-15T09:30:00.000Z'),
  ]),
];

const facts = HISTORIES.map(disruptionFacts);

test('facts: milestones are the earliest completion of their elements; a terminated acknowledgement task does not count, the message does', () => {
  expect(facts[0]).toEqual({
    processInstanceKey: '1',
    disruptionId: 'SESAM-20260310-1',
    drill: false,
    scope: 'sesam-down',
    state: 'COMPLETED',
    reportedAt: '2026-03-10T08:00:00.000Z',
    restoredAt: '2026-03-10T10:30:00.000Z',
    reportCount: 3,
    systemOwnerToldAt: '2026-03-10T08:05:00.000Z',
    acknowledgedAt: '2026-03-10T08:20:00.000Z',
    firstNoticeAt: '2026-03-10T08:40:00.000Z',
    vendorContactedAt: '2026-03-10T08:05:00.000Z',
    slaResponseBreached: true,
    slaRestoreBreached: false,
  });
  expect(facts[1].acknowledgedAt).toBe('2026-03-20T13:40:00.000Z');
  expect(facts[1].backupRoutineStartedAt).toBe('2026-03-20T17:00:00.000Z');
  expect(facts[3]).toMatchObject({ state: 'ACTIVE', reportCount: 2 });
  expect(facts[3].scope).toBeUndefined();
  expect(facts[3].restoredAt).toBeUndefined();
});

test('minuteStats: median of an even count is the mean of the middle two; median and mean rounded to whole minutes', () => {
  expect(minuteStats([])).toEqual({ n: 0 });
  expect(minuteStats([10, 5])).toEqual({ n: 2, median: 8, mean: 8, max: 10 });
  expect(minuteStats([360, 150, 150])).toEqual({ n: 3, median: 150, mean: 220, max: 360 });
});

test('months are Swedish calendar months (00.30 on 1 May in Stockholm is 30 April in UTC)', () => {
  expect(stockholmMonth('2026-04-30T22:30:00.000Z')).toBe('2026-05');
  expect(stockholmMonth('2026-01-31T22:59:59.000Z')).toBe('2026-01');
  expect(stockholmMonth('2026-01-31T23:00:00.000Z')).toBe('2026-02');
});

test('the dashboard: per month and scope, durations, times to each milestone, backup routine, SLA breaches, reports; drills apart', () => {
  const d = computeDashboard(facts);
  expect(d.real.disruptions).toBe(4);
  expect(d.real.byScope).toEqual({ 'full-it-outage': 1, 'sesam-down': 2, 'desk-only': 0, unassessed: 1 });
  expect(d.real.perMonth).toEqual([
    { month: '2026-03', byScope: { 'full-it-outage': 0, 'sesam-down': 2, 'desk-only': 0, unassessed: 0 }, total: 2 },
    { month: '2026-05', byScope: { 'full-it-outage': 1, 'sesam-down': 0, 'desk-only': 0, unassessed: 1 }, total: 2 },
  ]);
  // 150, 360, 150 (the fourth is not restored)
  expect(d.real.duration).toEqual({ n: 3, median: 150, mean: 220, max: 360 });
  // told 5 and 10; acknowledged 20 and 40; notices 40, 60, 60; vendor 5 and 10
  expect(d.real.milestones).toEqual({
    systemOwnerTold: { n: 2, median: 8, mean: 8, max: 10 },
    acknowledged: { n: 2, median: 30, mean: 30, max: 40 },
    firstNotice: { n: 3, median: 60, mean: 53, max: 60 },
    vendorContacted: { n: 2, median: 8, mean: 8, max: 10 },
  });
  expect(d.real.backupRoutineActivations).toBe(1);
  expect(d.real.slaResponseBreaches).toBe(2);
  expect(d.real.slaRestoreBreaches).toBe(0);
  // 3 + 1 + 5 + 2 = 11 over 4 disruptions
  expect(d.real.reports).toEqual({ total: 11, meanPerDisruption: 2.8, max: 5 });
  expect(d.real.rows.map((r) => r.disruptionId)).toEqual(['SESAM-20260310-1', 'SESAM-20260320-1', 'SESAM-20260501-1', 'SESAM-20260502-1']);

  expect(d.drills.disruptions).toBe(1);
  expect(d.drills.byScope['desk-only']).toBe(1);
  expect(d.drills.duration).toEqual({ n: 1, median: 45, mean: 45, max: 45 });
  expect(d.drills.milestones.firstNotice).toEqual({ n: 1, median: 30, mean: 30, max: 30 });
});

test('the date range takes Swedish calendar days, both ends inclusive', () => {
  const spring = computeDashboard(facts, { to: '2026-04-30' });
  expect(spring.real.rows.map((r) => r.disruptionId)).toEqual(['SESAM-20260310-1', 'SESAM-20260320-1']);
  expect(spring.drills.disruptions).toBe(1);
  const may = computeDashboard(facts, { from: '2026-05-01', to: '2026-05-02' });
  expect(may.real.rows.map((r) => r.disruptionId)).toEqual(['SESAM-20260501-1', 'SESAM-20260502-1']);
  expect(may.drills.disruptions).toBe(0);
  expect(computeDashboard(facts, { from: '2026-06-01' }).real.disruptions).toBe(0);
});

test('the CSV has one line per table cell, the same numbers the tables show (decimal comma, "–" for none)', () => {
  const d = computeDashboard(facts);
  const csv = dashboardCsv(d);
  expect(csv.startsWith('\uFEFFurval;tabell;rad;kolumn;värde\r\n')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines).toContain('verkliga;tider;Varaktighet till åter i drift;Median;150');
  expect(lines).toContain('verkliga;tider;Kvitterad av systemansvarig;Max;40');
  expect(lines).toContain('verkliga;per-manad;2026-05;3a IT-haveri;1');
  expect(lines).toContain('verkliga;handelser;Anmälningar per driftstörning, medel;Antal;2,8');
  expect(lines).toContain('verkliga;handelser;SLA: svarstid överskriden;Antal;2');
  expect(lines).toContain('verkliga;per-storning;SESAM-20260502-1;Varaktighet;–');
  expect(lines).toContain('ovningar;per-storning;OVNING-SESAM-20260315-1;Första driftinformation publicerad;30');
  // every cell of every table is a line
  const cells = dashboardSections(d).reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length * (t.columns.length - 1), 0), 0);
  expect(lines).toHaveLength(cells + 1);
});

test('the CSV defuses spreadsheet formulas; the charts escape labels from the engine', () => {
  const evil = disruptionFacts(history('9', { disruptionId: '=HYPERLINK("x")<script>', drill: false, scope: 'sesam-down', reportedAt: '2026-03-01T08:00:00.000Z', reportCount: 1 }, []));
  const d = computeDashboard([evil]);
  expect(dashboardCsv(d)).toContain(`verkliga;anmalningar;"'=HYPERLINK(""x"")<script>";Anmälningar;1`);
  const table = dashboardSections(d)[0].tables.find((t) => t.id === 'anmalningar')!;
  const svg = barChart(table, 'verkliga').value;
  expect(svg).toContain('=HYPERLINK(&quot;x&quot;)&lt;script&gt;');
  expect(svg).not.toContain('<script>');
});
