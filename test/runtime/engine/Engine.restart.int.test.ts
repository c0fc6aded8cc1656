import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBroker } from '../../../runtime/src/broker/createBroker';
import { activeElementIds } from './helpers';

const HOUR = 3600_000;
const T0 = Date.parse('2026-11-25T08:00:00Z');

function runChildUntilReady(dbPath: string): Promise<{ pid: number; processInstanceKey: string; kill: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures', 'restart-child.ts'), dbPath, join(__dirname, 'fixtures', 'boundary-timers.bpmn'), String(T0)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`child exited early: ${code} ${signal}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        child.removeAllListeners('exit');
        resolve({
          pid: child.pid ?? -1,
          processInstanceKey: m[1],
          kill: () =>
            new Promise<void>((done) => {
              child.on('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
  });
}

describe('durability across kill -9 (R17: the 4-hour backup timer survives a crash)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-restart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after SIGKILL the user task, the buffered message, the clock and the 4-hour timer resume; the timer fires at T0+4h exactly', async () => {
    // given: a child process holding a waiting user task with a 4 h timer, 30 minutes in, killed with SIGKILL
    const dbPath = join(dir, 'runtime.db');
    const child = await runChildUntilReady(dbPath);
    await child.kill();
    // when: a new broker opens the same file
    const broker = await createBroker({ databasePath: dbPath });
    try {
      // then: everything acknowledged is there
      const pi = child.processInstanceKey;
      expect(broker.now()).toBe(T0 + 30 * 60_000);
      expect(broker.processInstances({ processInstanceKey: pi })[0].state).toBe('ACTIVE');
      expect(activeElementIds(broker, pi)).toEqual(['UserTask_Confirm']);
      expect(broker.userTasks({ processInstanceKey: pi })[0].state).toBe('CREATED');
      // the buffered message is still there: its messageId is still taken
      expect(() => broker.publishMessage({ name: 'buffered-note', correlationKey: 'd-restart', timeToLive: 1000, messageId: 'note-1' })).toThrow(
        expect.objectContaining({ status: 409 }),
      );
      // and the hourly reminder and the 4 h timer fire at their original clock times
      broker.addClockOffset(30 * 60_000);
      expect(activeElementIds(broker, pi).sort()).toEqual(['Task_Remind', 'UserTask_Confirm']);
      broker.pinClock(T0 + 4 * HOUR - 1);
      expect(broker.userTasks({ processInstanceKey: pi })[0].state).toBe('CREATED');
      broker.pinClock(T0 + 4 * HOUR);
      expect(broker.userTasks({ processInstanceKey: pi })[0].state).toBe('CANCELED');
      expect(broker.elementInstances({ processInstanceKey: pi }).some((e) => e.elementId === 'End_Backup')).toBe(true);
    } finally {
      await broker.close();
    }
  });

  it('a user task completed before the crash stays completed and the instance continues', async () => {
    // given
    const dbPath = join(dir, 'runtime.db');
    const child = await runChildUntilReady(dbPath);
    await child.kill();
    const first = await createBroker({ databasePath: dbPath });
    const [task] = first.userTasks({ processInstanceKey: child.processInstanceKey });
    first.completeUserTask(task.userTaskKey, { confirmed: true });
    await first.close();
    // when
    const second = await createBroker({ databasePath: dbPath });
    try {
      // then
      expect(second.processInstances({ processInstanceKey: child.processInstanceKey })[0].state).toBe('COMPLETED');
      expect(second.variables({ processInstanceKey: child.processInstanceKey }).find((v) => v.name === 'confirmed')?.value).toBe('true');
    } finally {
      await second.close();
    }
  });

  it('an offset on the running clock is kept across a restart', async () => {
    // given
    const dbPath = join(dir, 'runtime.db');
    const first = await createBroker({ databasePath: dbPath });
    first.addClockOffset(2 * HOUR);
    await first.close();
    // when
    const second = await createBroker({ databasePath: dbPath });
    try {
      // then
      expect(Math.abs(second.now() - (Date.now() + 2 * HOUR))).toBeLessThan(1000);
    } finally {
      await second.close();
    }
  });
});
