import type { DisruptionEngine } from '../../../../service/intake/DisruptionEngine';

/**
 * The engine at its network edge, for the intake's unit tests: it records the variables of every start and message
 * the intake sends and answers every look with a running, unrestored instance. `running` lists the disruptions it runs
 * (IT's messages need a known one).
 */
export class SendRecorder implements DisruptionEngine {
  readonly sent: Record<string, unknown>[] = [];
  running: Array<{ disruptionId: string; processInstanceKey: string; drill: boolean; restored: boolean }> = [];
  async disruptionState() {
    return { state: 'ACTIVE' as const, restored: false };
  }
  async instanceState() {
    return 'ACTIVE' as const;
  }
  async isRestored() {
    return false;
  }
  async activeDisruptions() {
    return this.running;
  }
  async startDisruption(variables: Record<string, unknown>) {
    this.sent.push(variables);
    return '1';
  }
  async publishMessage(message: { variables: Record<string, unknown> }) {
    this.sent.push(message.variables);
  }
}
