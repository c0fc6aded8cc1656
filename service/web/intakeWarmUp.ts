import type { FastifyInstance } from 'fastify';
import type { IntakeService } from '../intake/IntakeService';

export interface IntakeWarmUpOptions {
  /** Rounds of simultaneous reports (each round one or a few groups of the group commit). */
  rounds: number;
  /** Reports per round, sent together. */
  concurrency: number;
}

/** A caller as the desk's systems send one: every field the intake checks, the answer's script, the group commit. */
const REHEARSAL_REPORT = {
  reporterName: 'Uppvärmning',
  unit: 'Uppvärmning',
  productArea: 'ortopedteknik',
  symptom: 'Uppvärmning av intaget (rullas tillbaka)',
  reporterPhone: '040-000 00 00',
  reporterEmail: 'uppvarmning@example.invalid',
  channel: 'phone',
  drill: true,
} as const;

/**
 * Issue #12: before the web server listens, the intake's own route takes `rounds` × `concurrency` reports through
 * fastify's `inject` while the intake rehearses – every group rolled back, nothing stored, nothing delivered, no mail –
 * so the code of a call's path is compiled when the first real call of an outage comes (cold, the first fifty calls
 * took about 55 ms instead of 15). Needs the API token (without one the API takes no reports and nothing is warmed).
 * Resolves with how long it took and how many answers were 201.
 */
export async function warmUpIntake(app: FastifyInstance, intake: IntakeService, apiToken: string | undefined, options: IntakeWarmUpOptions = { rounds: 4, concurrency: 50 }): Promise<{ ms: number; answered: number }> {
  const t0 = performance.now();
  let answered = 0;
  if (!apiToken) return { ms: 0, answered };
  await intake.rehearse(async () => {
    for (let round = 0; round < options.rounds; round++) {
      const answers = await Promise.all(
        Array.from({ length: options.concurrency }, () =>
          app.inject({ method: 'POST', url: '/api/reports', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' }, payload: REHEARSAL_REPORT }),
        ),
      );
      answered += answers.filter((a) => a.statusCode === 201).length;
    }
  });
  return { ms: performance.now() - t0, answered };
}
