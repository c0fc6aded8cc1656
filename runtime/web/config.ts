import { join } from 'node:path';
import { z } from 'zod';
import { ConfigSpec } from '../../lib/config/ConfigSpec';
import { setting, type ConfigOf } from '../../lib/config/Setting';
import { port, text } from '../../lib/config/valueTypes';

export const DEFAULT_USERS_FILE = join(__dirname, 'users.json');

/** The options of `startLocalWeb` (the runtime passes its `webPort` and `host`); three variables of its own. */
export const localWebSettings = {
  port: setting({ type: port().default(8081), doc: 'Port of the pages (0 = any free port).' }),
  host: setting({ type: text().default('127.0.0.1'), doc: 'Interface to listen on.' }),
  restAddress: setting({ type: z.url({ message: 'restAddress must be the runtime REST base URL, e.g. http://127.0.0.1:8080' }), doc: "The runtime's REST API base (the SDK adds `/v2`)." }),
  monitoringAddress: setting({ type: z.url().optional(), doc: "The runtime's monitoring base: shows its clock when it has been moved." }),
  usersFile: setting({ env: 'LOCAL_WEB_USERS_FILE', type: text().default(DEFAULT_USERS_FILE), doc: 'The users and their groups (`runtime/web/users.json`).' }),
  engineUsername: setting({ env: 'LOCAL_WEB_ENGINE_USERNAME', type: text().default('demo'), doc: "The runtime's API user the pages sign in to its REST API and clock with (Basic; the users file's `apiUsers`)." }),
  enginePassword: setting({ env: 'LOCAL_WEB_ENGINE_PASSWORD', type: text().default('demo'), secret: true, doc: "That API user's password." }),
  serviceUrl: setting({ env: 'LOCAL_WEB_SERVICE_URL', type: z.url().optional(), doc: 'The service (intake, `/it`, notices): linked from the menu (`npm start` sets it).' }),
  serviceOutbox: setting({ env: 'LOCAL_WEB_SERVICE_OUTBOX', type: z.enum(['true', 'false']).default('false'), doc: 'The service serves the outbox `/utkorg`: linked from the menu.' }),
  sharedSignInSecret: setting({
    env: 'SHARED_SIGN_IN_SECRET',
    type: z.string().min(32, 'SHARED_SIGN_IN_SECRET must be at least 32 characters').optional(),
    secret: true,
    doc: 'One sign-in with the service: a sign-in on either is accepted by the other (same secret on both; `npm start`: random per start).',
  }),
  pollIntervalMs: setting({ type: z.number().int().min(200).max(600_000).default(10_000), doc: 'How often an open task list checks for new or changed tasks.' }),
};

const spec = new ConfigSpec(localWebSettings, { heading: 'Invalid local web configuration' });

export type LocalWebConfig = ConfigOf<typeof localWebSettings>;

/** Options of `startLocalWeb` over `LOCAL_WEB_USERS_FILE` and `LOCAL_WEB_ENGINE_*` from the environment; throws listing every problem. */
export function parseLocalWebConfig(options: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): LocalWebConfig {
  return spec.parse({ env, options });
}
