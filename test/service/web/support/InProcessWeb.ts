import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { hashPassword } from '../../../../lib/auth/password';
import { openServiceDb, type ServiceDb } from '../../../../service/db';
import type { IntakeService } from '../../../../service/intake/IntakeService';
import { SqliteNoticeStore, SqliteSubscriberStore } from '../../../../service/notices';
import { createWebServer } from '../../../../service/web/createWebServer';
import { DeskAuth } from '../../../../service/web/plugins/DeskAuth';
import { registerIntakeRoutes } from '../../../../service/web/routes/intakeRoutes';

/** The desk user of these tests (as ServiceHarness's, without loading the browser and the runtime). */
export const DESK_USER = { id: 'anna.desk', password: 'Korrekt-häst-batteri-1' };
/** The instant the stores' clock is pinned to. */
export const TEST_CLOCK = new Date('2026-11-25T09:00:00+01:00');

let cachedHash: string | undefined;

/**
 * The service's web server in the test's process, for `inject` (no port, no browser, no engine): the notice page with
 * in-memory SQLite stores and the desk's sign-in. Mails are recorded, not sent; the intake service is absent (the
 * sign-in routes never reach it).
 */
export class InProcessWeb {
  readonly confirmations: string[] = [];
  app!: FastifyInstance;
  private db!: ServiceDb;

  constructor(private readonly options: { trustProxy?: boolean | string | string[] } = {}) {}

  async start(): Promise<this> {
    cachedHash ??= await hashPassword(DESK_USER.password);
    this.db = openServiceDb(':memory:');
    const publicBaseUrl = 'http://127.0.0.1:3000';
    const notices = new SqliteNoticeStore(this.db, { publicBaseUrl, now: () => TEST_CLOCK });
    const logger = pino({ level: 'silent' });
    const auth = new DeskAuth({
      users: [{ id: DESK_USER.id, name: 'Anna Andersson', groups: ['desk'], passwordHash: cachedHash }],
      secret: 'a-session-secret-for-tests-only-0123456789',
      secureCookies: false,
      now: () => TEST_CLOCK.getTime(),
    });
    this.app = await createWebServer({
      notices,
      subscribers: new SqliteSubscriberStore(this.db, { publicBaseUrl, now: () => TEST_CLOCK }),
      confirmations: { sendConfirmation: async (email) => void this.confirmations.push(email) },
      baseUrl: publicBaseUrl,
      logger,
      now: () => TEST_CLOCK,
      cookieSecret: 'a-cookie-secret-for-tests-only-0123456789',
      ...(this.options.trustProxy !== undefined ? { trustProxy: this.options.trustProxy } : {}),
      plugins: [(a) => registerIntakeRoutes(a, { intake: {} as IntakeService, auth, notices, baseUrl: publicBaseUrl, outbox: false, logger })],
    });
    await this.app.ready();
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.db?.close();
  }
}
