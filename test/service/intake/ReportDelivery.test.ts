/**
 * P1 under every order of calls, engine outages, lost answers, restarts and restorations (issue #12): the intake
 * answers at once and delivers in batches; whatever happens, every report reaches the engine exactly once, none is
 * lost, and one outage is one disruption.
 *
 * The engine here is a recorder of what the intake sent (`RecordingEngine`): it keeps the started instances and
 * Zeebe's rule that a message id already published is refused (409, counted as published), and it can be down or
 * lose its answer. It stands in for the engine's network edge only – the intake's store is a real SQLite file, and the
 * path through the real runtime is tested in test/service/web/intake.int.test.ts and measured in bench/intake.ts.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Scope } from '../../../contract';
import { openServiceDb, type ServiceDb } from '../../../service/db';
import type { ActiveDisruption, DisruptionEngine, DisruptionState } from '../../../service/intake/DisruptionEngine';
import { DisruptionRegistry } from '../../../service/intake/DisruptionRegistry';
import { IntakeService } from '../../../service/intake/IntakeService';
import { ReportStore } from '../../../service/intake/ReportStore';

interface Instance {
  key: string;
  disruptionId: string;
  drill: boolean;
  scope?: Scope;
  restored: boolean;
  /** Every report id the instance was given (start variable `report`, messages' `newReports`). */
  reportIds: string[];
}

class EngineDown extends Error {}

/** The engine's edge, recorded (see the file comment). */
class RecordingEngine implements DisruptionEngine {
  readonly instances: Instance[] = [];
  private readonly messageIds = new Set<string>();
  down = false;
  /** The next call does its work but its answer is lost (a timeout after the engine acted). */
  loseNextAnswer = false;
  private nextKey = 1;

  private check(): void {
    if (this.down) throw new EngineDown('engine not reachable');
  }
  private answer<T>(value: T): T {
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new EngineDown('answer lost');
    }
    return value;
  }

  async disruptionState(processInstanceKey: string): Promise<DisruptionState> {
    this.check();
    const i = this.instances.find((x) => x.key === processInstanceKey);
    return i ? { state: 'ACTIVE', restored: i.restored, ...(i.scope ? { scope: i.scope } : {}) } : { state: undefined, restored: false };
  }
  async activeDisruptions(): Promise<ActiveDisruption[]> {
    this.check();
    return this.instances.map((i) => ({ disruptionId: i.disruptionId, processInstanceKey: i.key, drill: i.drill, restored: i.restored }));
  }
  async startDisruption(variables: Record<string, unknown>): Promise<string> {
    this.check();
    const key = String(this.nextKey++);
    this.instances.push({ key, disruptionId: String(variables.disruptionId), drill: variables.drill === true, restored: false, reportIds: [(variables.report as { reportId: string }).reportId] });
    return this.answer(key);
  }
  async publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; messageId?: string }): Promise<void> {
    this.check();
    if (message.messageId && this.messageIds.has(message.messageId)) return; // 409: already published
    if (message.messageId) this.messageIds.add(message.messageId);
    const target = this.instances.find((i) => i.disruptionId === message.correlationKey);
    if (!target) throw new Error(`no instance for ${message.correlationKey}`);
    for (const r of message.variables.newReports as { reportId: string }[]) target.reportIds.push(r.reportId);
    this.answer(undefined);
  }
  /** How often the engine was given each report. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const i of this.instances) for (const id of i.reportIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }
}

type Command =
  | { kind: 'report'; deskOnly: boolean; drill: boolean }
  | { kind: 'deliver' }
  | { kind: 'engine-down' }
  | { kind: 'engine-up' }
  | { kind: 'lose-answer' }
  | { kind: 'restart' }
  | { kind: 'assess'; scope: Scope }
  | { kind: 'restore' };

/** true about once in `n`. */
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('report' as const), deskOnly: oneIn(5), drill: oneIn(7) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'deliver' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'engine-down' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'engine-up' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lose-answer' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('assess' as const), scope: fc.constantFrom<Scope>('sesam-down', 'desk-only', 'full-it-outage') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
);

/** A command as one readable line (the failing case is printed this way). */
function describe_(c: Command): string {
  if (c.kind === 'report') return `anmälan${c.deskOnly ? ' (Administrationen)' : ''}${c.drill ? ' (övning)' : ''}`;
  if (c.kind === 'assess') return `Administrationen bedömer den senaste driftstörningen: ${c.scope}`;
  return c.kind;
}

const silent = pino({ level: 'silent' });
const CLOCK = Date.parse('2026-03-10T09:40:00Z');

class World {
  readonly engine = new RecordingEngine();
  db!: ServiceDb;
  intake!: IntakeService;
  private tick = 0;
  readonly submitted: string[] = [];

  constructor(private readonly file: string) {
    this.open();
  }

  private now = () => new Date(CLOCK + this.tick * 1000);

  open(): void {
    this.db = openServiceDb(this.file);
    this.intake = new IntakeService(this.db, new ReportStore(this.db), new DisruptionRegistry(this.db), this.engine, silent, {
      retryIntervalMs: 1,
      retryBaseMs: 0,
      batchSize: 3,
      refreshIntervalMs: 0,
      now: this.now,
    });
  }

  async run(c: Command): Promise<void> {
    this.tick += 1;
    switch (c.kind) {
      case 'report': {
        const { stored } = this.intake.submit({ channel: 'phone', deskOnly: c.deskOnly, drill: c.drill, reporterName: 'Förskrivare', reporterPhone: '040-100 00 00' }, 'test');
        expect(stored.disruptionId).toBeDefined();
        this.submitted.push(stored.report.reportId);
        return;
      }
      case 'deliver':
        return this.intake.deliverNow();
      case 'engine-down':
        this.engine.down = true;
        return;
      case 'engine-up':
        this.engine.down = false;
        return;
      case 'lose-answer':
        this.engine.loseNextAnswer = true;
        return;
      case 'restart':
        await this.intake.stop();
        this.db.close();
        this.open();
        return;
      case 'assess': {
        const latest = this.engine.instances.filter((i) => !i.restored).at(-1);
        if (latest) latest.scope = c.scope;
        return;
      }
      case 'restore': {
        const latest = this.engine.instances.filter((i) => !i.restored).at(-1);
        if (latest) latest.restored = true;
        return;
      }
    }
  }

  /** After every step: no report given to the engine twice; one running, unassessed disruption per kind at most (P1). */
  checkInvariants(): void {
    for (const [id, n] of this.engine.counts()) expect({ report: id, timesGiven: n }).toEqual({ report: id, timesGiven: 1 });
    for (const drill of [false, true]) {
      const unassessed = this.engine.instances.filter((i) => i.drill === drill && !i.restored && !i.scope);
      expect({ drill, unassessedOpenDisruptions: unassessed.length }).toEqual({ drill, unassessedOpenDisruptions: Math.min(unassessed.length, 1) });
    }
  }

  /** The engine back for good: everything is delivered, exactly once (P1: none lost, none duplicated). */
  async drain(): Promise<void> {
    this.engine.down = false;
    this.engine.loseNextAnswer = false;
    for (let i = 0; i < 50 && this.intake.queuedCount() > 0; i++) await this.intake.deliverNow();
    expect(this.intake.queuedCount()).toBe(0);
    const counts = this.engine.counts();
    for (const id of this.submitted) expect({ report: id, timesGiven: counts.get(id) ?? 0 }).toEqual({ report: id, timesGiven: 1 });
  }

  async close(): Promise<void> {
    await this.intake.stop();
    this.db.close();
  }
}

describe('the intake’s delivery (P1, issue #12)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'intake-delivery-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('P1: every report reaches the engine exactly once and one outage is one disruption, whatever the order of calls, outages and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const world = new World(path.join(dir, `${Math.random().toString(36).slice(2)}.sqlite`));
        try {
          for (const c of commands) {
            await world.run(c);
            world.checkInvariants();
          }
          await world.drain();
          world.checkInvariants();
        } finally {
          await world.close();
        }
      }),
      { numRuns: 150, reporter: (details) => {
        if (!details.failed) return;
        const steps = (details.counterexample?.[0] as Command[] | undefined)?.map((c, i) => `  ${i + 1}. ${describe_(c)}`).join('\n');
        throw new Error(`P1 broken after these steps:\n${steps}\n${String(details.errorInstance ?? '')}`);
      } },
    );
  });

  test('P1: a storm of reports while the engine is down goes as one start and a few batches once it is back', async () => {
    // given: the engine is down and 25 prescribers call
    const world = new World(path.join(dir, 'storm.sqlite'));
    try {
      world.engine.down = true;
      for (let i = 0; i < 25; i++) await world.run({ kind: 'report', deskOnly: false, drill: false });
      await world.run({ kind: 'deliver' });
      // when: the engine is back
      await world.drain();
      // then: one disruption took all 25 (batches of 3 here), each once
      expect(world.engine.instances).toHaveLength(1);
      expect(world.engine.instances[0].reportIds).toHaveLength(25);
    } finally {
      await world.close();
    }
  });

  test('P1: an answer lost after the engine started the disruption does not start a second one', async () => {
    // given
    const world = new World(path.join(dir, 'lost.sqlite'));
    try {
      await world.run({ kind: 'lose-answer' });
      await world.run({ kind: 'report', deskOnly: false, drill: false });
      // when: the start's answer is lost, then the next round runs
      await world.run({ kind: 'deliver' });
      await world.run({ kind: 'report', deskOnly: false, drill: false });
      await world.drain();
      // then
      expect(world.engine.instances).toHaveLength(1);
      expect(world.engine.instances[0].reportIds).toHaveLength(2);
      expect(world.intake.get(world.submitted[0])).toMatchObject({ status: 'delivered', outcome: 'started' });
      expect(world.intake.get(world.submitted[1])).toMatchObject({ status: 'delivered', outcome: 'attached' });
    } finally {
      await world.close();
    }
  });

  test('T4: a prescriber’s report given to a disruption the desk has since assessed as desk-only moves to a new one', async () => {
    // given: a desk-only report started a disruption, and the desk assessed it as desk-only
    const world = new World(path.join(dir, 't4.sqlite'));
    try {
      await world.run({ kind: 'report', deskOnly: true, drill: false });
      await world.run({ kind: 'deliver' });
      const first = world.intake.get(world.submitted[0])!;
      await world.run({ kind: 'assess', scope: 'desk-only' });
      // when: a prescriber calls before the intake has read the new scope (it answers with the open disruption)
      await world.run({ kind: 'report', deskOnly: false, drill: false });
      const answered = world.intake.get(world.submitted[1])!;
      await world.drain();
      // then: delivered to a new disruption of its own
      expect(answered.disruptionId).toBe(first.disruptionId);
      const delivered = world.intake.get(world.submitted[1])!;
      expect(delivered).toMatchObject({ status: 'delivered', outcome: 'started' });
      expect(delivered.disruptionId).not.toBe(first.disruptionId);
      expect(world.engine.instances).toHaveLength(2);
    } finally {
      await world.close();
    }
  });
});
