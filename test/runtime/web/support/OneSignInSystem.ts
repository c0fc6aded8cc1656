import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { startDemoSystem, type DemoRuntime } from '../../../../apps/demoHistory';
import { hashPassword } from '../../../../lib/auth/password';
import { startLocalWeb, type LocalWeb } from '../../../../runtime/web/server';
import { CHROMIUM_OPTIONS } from '../../../../scripts/render-diagrams';
import { freePort } from '../../../support/freePort';
import { TEST_CLOCK } from './LocalWebHarness';

/** A person of the users file (desk and local web share it). */
export interface Person {
  id: string;
  name: string;
  password: string;
}

export interface OneSignInOptions {
  person: Person;
  groups: string[];
  /** The shared sign-in secret of both servers. */
  secret: string;
  /** Prefix of the temporary folder for the users file. */
  tmpPrefix: string;
  /** Where screenshots go (created). */
  artifacts: string;
  /** Run on the demo system before its clock is pinned at TEST_CLOCK (e.g. seeding history on a moved clock). */
  beforeClockPinned?: (demo: DemoRuntime) => Promise<void>;
}

/**
 * The local system as `npm start` composes it for one sign-in: the routine on an in-memory runtime with the service
 * (intake, /it, outbox), the local web beside it on one host name (`localhost`: cookies are per host, not per port),
 * one person in one users file, the clock pinned at TEST_CLOCK, and chromium.
 */
export class OneSignInSystem {
  private constructor(
    readonly demo: DemoRuntime,
    readonly web: LocalWeb,
    readonly browser: Browser,
    readonly serviceUrl: string,
    readonly webUrl: string,
  ) {}

  static async start(options: OneSignInOptions): Promise<OneSignInSystem> {
    mkdirSync(options.artifacts, { recursive: true });
    const { person, secret } = options;
    const usersFile = join(mkdtempSync(join(tmpdir(), options.tmpPrefix)), 'users.json');
    writeFileSync(usersFile, JSON.stringify({ users: [{ id: person.id, name: person.name, groups: options.groups, passwordHash: await hashPassword(person.password) }] }));
    const [servicePort, webPort] = await Promise.all([freePort(), freePort()]);
    const serviceUrl = `http://localhost:${servicePort}`;
    const webUrl = `http://localhost:${webPort}`;
    const logger = pino({ level: 'silent' });
    const demo = await startDemoSystem({
      inMemory: true,
      logger,
      env: { SERVICE_PORT: String(servicePort), DESK_USERS_FILE: usersFile, SHARED_SIGN_IN_SECRET: secret, LOCAL_WEB_URL: webUrl, TASKLIST_URL: `${webUrl}/`, MAIL_CAPTURE: 'true' },
    });
    let web: LocalWeb | undefined;
    try {
      await options.beforeClockPinned?.(demo);
      await demo.system.pinClock(TEST_CLOCK.getTime());
      web = await startLocalWeb({ port: webPort, host: '127.0.0.1', restAddress: demo.runtime.restAddress, monitoringAddress: demo.runtime.monitoringAddress, usersFile, serviceUrl, serviceOutbox: 'true', sharedSignInSecret: secret, logger });
      return new OneSignInSystem(demo, web, await chromium.launch(CHROMIUM_OPTIONS), serviceUrl, webUrl);
    } catch (err) {
      await web?.close();
      await demo.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.web.close();
    await this.demo.close();
  }
}
