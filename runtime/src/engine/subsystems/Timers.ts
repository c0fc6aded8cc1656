import { Feel } from '../../feel/Feel';
import type { ElementRow } from '../../store/rows';
import type { EngineParts } from '../EngineParts';
import type { WaitKind } from '../lifecycle/Waits';
import type { ProcessDefinition } from '../model/Definitions';
import type { TimerDef } from '../model/ProcessModel';
import { TimerSpec, type TimerSchedule } from '../model/TimerSpec';
import { IncidentError } from '../state/IncidentError';

/** Max delay of a Node.js timer. */
const MAX_TIMEOUT = 2_147_483_647;

/** A timer value that is not a valid ISO 8601 / cron value (an EXTRACT_VALUE_ERROR incident on the element). */
export class TimerValueError extends IncidentError {
  constructor(
    eventId: string,
    readonly reason: string,
  ) {
    super('EXTRACT_VALUE_ERROR', `Element '${eventId}': ${reason}`);
  }
}

/**
 * Timers and the clock. Due timers fire inside the command that moves the clock, after any command
 * (the command's drain loop) and from a real-time wake-up while the clock is not pinned; the wake-up
 * is re-armed after every command for the earliest timer, job back-off or job deadline. Repeating
 * start timers and non-interrupting cycles re-arm at now + interval.
 */
export class Timers {
  private wakeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly parts: EngineParts) {}

  /** The due time of a timer definition: its value (FEEL on `vars` when an expression) on the runtime clock. */
  schedule(timer: TimerDef, eventId: string, vars: Record<string, unknown>): TimerSchedule {
    const value = Feel.isExpression(timer.expression) ? this.parts.feel.evaluateRaw(timer.expression, vars) : timer.expression;
    try {
      return TimerSpec.schedule(timer.kind, value, this.parts.clock.now());
    } catch (err) {
      throw new TimerValueError(eventId, err instanceof Error ? err.message : String(err));
    }
  }

  /** The one place a timer is opened (owner null: a timer start event of a definition). */
  open(kind: WaitKind, owner: ElementRow | null, elementId: string, proc: ProcessDefinition, s: TimerSchedule, interrupting: boolean): void {
    this.parts.repos.timers.insert({
      key: this.parts.keys.next(),
      kind,
      pi: owner?.pi ?? null,
      ei: owner?.key ?? null,
      element_id: elementId,
      def: proc.key,
      due: s.due,
      repetitions: s.repetitions,
      interval: s.interval,
      interrupting: interrupting ? 1 : 0,
      tenant: proc.tenant,
    });
  }

  /** Fires the earliest due timer, if any (called by the command's drain loop). */
  fireOneDue(): boolean {
    const { repos, clock } = this.parts;
    const t = repos.timers.firstDue(clock.now());
    if (!t) return false;
    const repeats = t.repetitions !== 0 && t.interval && (t.kind === 'start' || t.interrupting === 0);
    if (repeats && t.interval) {
      const next = TimerSpec.nextRepetition(t.interval, clock.now());
      repos.timers.reschedule(t.key, next, t.repetitions > 0 ? t.repetitions - 1 : -1);
    } else {
      repos.timers.delete(t.key);
    }
    try {
      repos.transaction(() => {
        if (t.kind === 'start') this.parts.instanceLifecycle.start(this.parts.definitions.get(t.def), {}, { messageStart: t.element_id });
        else if (t.ei !== null) this.parts.waits.trigger(t.kind, t.ei, t.element_id, t.interrupting === 1, {});
      });
    } catch (err) {
      // Never let one broken timer block every later command: record it on the element and go on.
      this.parts.log?.error({ err, timerKey: String(t.key), elementId: t.element_id }, 'timer could not be triggered');
      const owner = t.ei !== null ? this.parts.elements.find(t.ei) : undefined;
      if (owner && owner.state === 'ACTIVE') {
        this.parts.incidents.raise(
          this.parts.definitions.get(owner.def),
          owner,
          'UNKNOWN',
          `Timer '${t.element_id}' could not be triggered: ${err instanceof Error ? err.message : String(err)}`,
          null,
          { op: 'complete' },
        );
      }
    }
    return true;
  }

  // --- the clock (commands) ---------------------------------------------------------------------

  pinClock(epochMs: number): void {
    this.parts.clock.pin(epochMs);
    this.persistClock();
  }

  addClockOffset(ms: number): void {
    this.parts.clock.add(ms);
    this.persistClock();
  }

  resetClock(): void {
    this.parts.clock.reset();
    this.persistClock();
  }

  private persistClock() {
    this.parts.repos.meta.set('clock', JSON.stringify(this.parts.clock.snapshot()));
  }

  // --- the real-time wake-up ----------------------------------------------------------------

  /** After every command: wake up for the earliest timer, back-off or deadline (not while the clock is pinned). */
  scheduleWake(): void {
    if (this.closed) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const { clock, repos } = this.parts;
    if (clock.isPinned()) return;
    const now = clock.now();
    const candidates = [repos.timers.nextDue(), repos.jobs.nextBackoff(now), repos.jobs.nextDeadline()].filter((x): x is number => x !== null);
    if (candidates.length === 0) return;
    // Node fires a timeout beyond 2^31−1 ms after 1 ms: wake up at most then, and schedule again from there.
    const delay = Math.min(Math.max(0, Math.min(...candidates) - now) + 1, MAX_TIMEOUT);
    this.wakeTimer = setTimeout(() => this.wake(), delay);
    this.wakeTimer.unref();
  }

  private wake() {
    if (this.closed) return;
    try {
      this.parts.commands.run(() => undefined);
      this.parts.jobs.notifyAvailableTypes();
    } catch (err) {
      this.parts.log?.error({ err }, 'timer processing failed');
    }
  }

  close(): void {
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
  }
}
