import { CrashPlan, type RoutineStep } from './CrashPlan';
import { eventually } from './eventually';
import { FaultSystem, SMTP_POOL } from './FaultSystem';
import { FaultTrail } from './FaultTrail';
import { MailLedger } from './MailLedger';
import { RoutineDriver } from './RoutineDriver';
import { SeededRandom } from './SeededRandom';

const HOUR = 3_600_000;
export const SUBSCRIBERS = 40;

/** The steps of one disruption (3b, no prognosis, backup routine, restored): intake, jobs, fan-outs, a timer. */
function disruptionSteps(sys: FaultSystem, d: RoutineDriver): RoutineStep[] {
  return [
    { name: 'intaget: tre samtal loggas samtidigt', run: () => d.report(3) },
    { name: 'Bedöm omfattning: Sesam nås inte (3b)', run: () => d.assess() },
    { name: 'första driftinformationen godkänns', run: () => d.approveNotice(1) },
    { name: 'utskick 1 till prenumeranterna', run: () => d.fannedOut(1, SUBSCRIBERS) },
    { name: 'systemansvarig kvitterar', run: () => d.message('system-owner-acknowledged', { acknowledgedBy: 'Systemansvarig Sesam' }) },
    {
      name: 'två timmar utan prognos: reservrutinen (timer), dess driftinformation godkänns',
      run: async () => {
        await sys.advanceEngine(2 * HOUR);
        await d.approveNotice(2);
      },
    },
    { name: 'utskick 2 till prenumeranterna', run: () => d.fannedOut(2, SUBSCRIBERS) },
    {
      name: 'IT: Sesam åter i drift, driftinformationen "fungerar igen" godkänns',
      run: async () => {
        await d.message('system-restored', {});
        await d.approveNotice(3);
      },
    },
    { name: 'utskick 3 till prenumeranterna', run: () => d.fannedOut(3, SUBSCRIBERS) },
  ];
}

/**
 * One fault case: a whole disruption with `kills` kill -9 of `victim` at seeded moments, then the invariants – every
 * report delivered, every acknowledged instance/element/task still there (checked at each restart), every subscriber
 * exactly the three notices, no mail twice beyond docs/workers.md's guarantee, no incident, one disruption.
 */
export async function runDisruptionCase(victim: 'runtime' | 'service', seed: number, kills: number): Promise<FaultTrail> {
  const trail = new FaultTrail(`kill -9 av ${victim === 'runtime' ? 'körmiljön' : 'tjänsten'} under en driftstörning`, seed);
  const sys = new FaultSystem(trail, { subscribers: SUBSCRIBERS });
  const driver = new RoutineDriver(sys, trail);
  try {
    await trail.run(async () => {
      await sys.start();
      // After a restart of the service, every report it had answered 201 for is still in its file.
      const reportsKept = async () => {
        for (const { reportId } of driver.accepted) {
          const res = await eventually('the intake after the restart', () => sys.api('GET', `/api/reports/${encodeURIComponent(reportId)}`));
          if (res.status !== 200) throw new Error(`anmälan ${reportId} (svarad 201 före kraschen) svarar ${res.status} efter omstarten`);
        }
      };
      const plan = new CrashPlan(sys, trail, new SeededRandom(seed), victim, disruptionSteps(sys, driver), kills, reportsKept);
      await plan.run();

      await driver.reportsDelivered();
      trail.step(`alla ${driver.accepted.length} anmälningar finns och är levererade, en driftstörning`);
      const ledger = new MailLedger(sys.smtp.stored);
      const maxCopies = victim === 'service' ? 2 : 1;
      const problems = ledger.violations(maxCopies, victim === 'service' ? SMTP_POOL * kills : 0);
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const n = ledger.mailsTo(sys.subscriber(i));
        if (n !== 3) problems.push(`${sys.subscriber(i)} fick ${n} driftinformationer (3 väntade)`);
      }
      const roots = (await sys.engine.searchProcessInstances({ filter: { processDefinitionId: 'driftstorning-sesam' } } as never)).items;
      if (roots.length !== 1) problems.push(`${roots.length} instanser av driftstorning-sesam (1 väntad)`);
      const incidents = (await sys.engine.searchIncidents({ filter: { state: 'ACTIVE' } } as never)).items as unknown as Array<{ elementId: string; errorMessage: string }>;
      for (const i of incidents) problems.push(`incident i ${i.elementId}: ${i.errorMessage}`);
      if (problems.length > 0) throw new Error(problems.join('\n    '));
      trail.step(`${sys.smtp.stored.length} brev lagrade av SMTP-servern, ${ledger.copies().size} med kopia (högst ${maxCopies} exemplar var); varje prenumerant fick de tre driftinformationerna`);
    }, () => sys.output());
  } finally {
    await sys.stop();
  }
  return trail;
}
