/**
 * T3: the disruption is restored and its notices are closed – only a final state ("Åtgärdat", "Har upphört") may be
 * published now. An update that was waiting for approval when Sesam came back is obsolete: refused, never public.
 */
export class NoticeClosedError extends Error {
  constructor(readonly context: { disruptionId: string; kind: string; state: string }) {
    super(`Disruption ${context.disruptionId} is restored: its notices take only a final state, not ${context.state}`);
    this.name = 'NoticeClosedError';
  }
}
