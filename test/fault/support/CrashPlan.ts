import { EngineSnapshot } from './EngineSnapshot';
import { eventually } from './eventually';
import { JOB_TIMEOUT_MS, type FaultSystem } from './FaultSystem';
import type { FaultTrail } from './FaultTrail';
import type { SeededRandom } from './SeededRandom';

export interface RoutineStep {
  name: string;
  run: () => Promise<void>;
}

/**
 * Runs the steps of a disruption and kills one process with SIGKILL at seeded moments: during a chosen step, a chosen
 * number of milliseconds after it began (while its work – jobs, mails, timers, deliveries – is under way). Before each
 * kill it takes what the engine has acknowledged; after the restart every bit of it must still be there.
 */
export class CrashPlan {
  readonly kills: Array<{ step: number; delayMs: number }>;

  constructor(
    private readonly sys: FaultSystem,
    private readonly trail: FaultTrail,
    random: SeededRandom,
    private readonly victim: 'runtime' | 'service',
    private readonly steps: RoutineStep[],
    count: number,
    private readonly afterRestart: () => Promise<void> = async () => undefined,
  ) {
    this.kills = Array.from({ length: count }, () => ({ step: random.int(0, steps.length - 1), delayMs: random.int(0, 400) })).sort((a, b) => a.step - b.step || a.delayMs - b.delayMs);
    trail.step(`plan: kill -9 ${victim === 'runtime' ? 'körmiljön' : 'tjänsten'} ${this.kills.map((k) => `under "${steps[k.step].name}" efter ${k.delayMs} ms`).join(', ')}`);
  }

  async run(): Promise<void> {
    for (const [i, step] of this.steps.entries()) {
      this.trail.step(`steg: ${step.name}`);
      const work = step.run();
      // Its failure is awaited below; a crash meanwhile must not leave it unobserved.
      work.catch(() => undefined);
      for (const kill of this.kills.filter((k) => k.step === i)) {
        await new Promise((r) => setTimeout(r, kill.delayMs));
        await this.crash();
      }
      await work;
    }
  }

  private async crash(): Promise<void> {
    const before = await eventually('the engine before the kill', () => EngineSnapshot.take(this.sys.engine));
    if (this.victim === 'runtime') await this.sys.crashRuntime();
    else await this.sys.crashService();
    const after = await eventually('the engine after the restart', () => EngineSnapshot.take(this.sys.engine));
    const lost = before.lostIn(after);
    if (lost.length > 0) throw new Error(`efter omstarten saknas det som motorn hade bekräftat:\n    ${lost.join('\n    ')}`);
    this.trail.step(`efter omstarten: alla ${before.entries.size} instanser, element (timers, väntan, jobb) och uppgifter finns kvar`);
    // A job the worker had activated when the engine died (e.g. the completing listener of an approval) stays activated
    // until its deadline, as in Camunda – on the pinned engine clock that deadline only comes when the case moves it.
    if (this.victim === 'runtime') await this.sys.advanceEngine(JOB_TIMEOUT_MS + 1_000);
    await this.afterRestart();
  }
}
