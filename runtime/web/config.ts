import { join } from 'node:path';
import { z } from 'zod';

export const DEFAULT_USERS_FILE = join(__dirname, 'users.json');

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(8081),
  host: z.string().min(1).default('127.0.0.1'),
  restAddress: z.url({ message: 'restAddress must be the runtime REST base URL, e.g. http://127.0.0.1:8080' }),
  monitoringAddress: z.url().optional(),
  /** Basic credentials the pages sign in to the runtime's REST API with (its users file's API user; default demo / demo). */
  engineCredentials: z.object({ username: z.string().min(1), password: z.string().min(1) }).default({ username: 'demo', password: 'demo' }),
  usersFile: z.string().min(1).default(DEFAULT_USERS_FILE),
  /** The task list checks for new or changed tasks this often. */
  pollIntervalMs: z.number().int().min(200).max(600_000).default(10_000),
});

export type LocalWebConfig = z.infer<typeof optionsSchema>;

/** Options of `startLocalWeb`, with `LOCAL_WEB_USERS_FILE` and `LOCAL_WEB_ENGINE_USERNAME` / `_PASSWORD` from the environment; throws listing every problem. */
export function parseLocalWebConfig(options: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): LocalWebConfig {
  const engineFromEnv = env.LOCAL_WEB_ENGINE_USERNAME && env.LOCAL_WEB_ENGINE_PASSWORD ? { username: env.LOCAL_WEB_ENGINE_USERNAME, password: env.LOCAL_WEB_ENGINE_PASSWORD } : undefined;
  const parsed = optionsSchema.safeParse({
    ...options,
    usersFile: options.usersFile ?? (env.LOCAL_WEB_USERS_FILE || undefined),
    engineCredentials: options.engineCredentials ?? engineFromEnv,
  });
  if (!parsed.success) {
    throw new Error(`Invalid local web configuration: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
