/**
 * The service as `npm run service` composes it (apps/service.ts `startService`: workers, intake, notice page, outbox),
 * from the environment, with its clock pinned at FAULT_SERVICE_NOW (epoch ms): a child process for the fault suite, so
 * that kill -9 hits the service itself. Prints one JSON line `fault service ready` with its URL.
 */
import { startService } from '../../../apps/service';
import { createLogger } from '../../../lib/logging/logger';

const at = Number(process.env.FAULT_SERVICE_NOW);
if (!Number.isFinite(at)) {
  process.stderr.write('FAULT_SERVICE_NOW (epoch ms) is required\n');
  process.exit(2);
}
const logger = createLogger({ level: (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn' });
startService({ logger, now: () => new Date(at) })
  .then((service) => process.stdout.write(`${JSON.stringify({ msg: 'fault service ready', url: service.url, pid: process.pid })}\n`))
  .catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
