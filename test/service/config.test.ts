import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../lib/config/ConfigError';
import { captureSmtpUrl, effectiveSmtpUrl, loadConfig, noticePageUrl, serviceConfigSpec } from '../../service/config';

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, 'service.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration: one schema over environment and file, parsed once, fails fast', () => {
  test('defaults: local runtime, local SMTP capture on 2525, notice page under the service web (P12: nothing leaves the machine)', () => {
    // given an empty environment
    // when
    const c = loadConfig({});
    // then
    expect(c.camunda.restAddress).toBe('http://127.0.0.1:8080');
    expect(c.camunda.authStrategy).toBe('NONE');
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(effectiveSmtpUrl(c)).toBe('smtp://127.0.0.1:2525');
    expect(captureSmtpUrl(c)).toBe('smtp://127.0.0.1:2525');
    expect(noticePageUrl(c)).toBe('http://localhost:3000/driftinfo');
    expect(c.tasklistUrl).toBe('http://localhost:8081/');
    expect(c.serviceDesk.adapter).toBe('email');
    expect(c.retry).toEqual({ backoffBaseMs: 10_000, backoffMaxMs: 600_000, assumedRetries: 3 });
    expect(c.onDuty).toMatchObject({ start: '08:00', end: '16:30', workDays: [1, 2, 3, 4, 5], holidayTypes: ['public', 'bank'] });
  });

  test('lists every problem at once: bad numbers, OAuth without credentials, ServiceNow without URL and password', () => {
    // given
    const env = { SMTP_CAPTURE_PORT: 'abc', CAMUNDA_AUTH_STRATEGY: 'OAUTH', SERVICE_DESK_ADAPTER: 'servicenow', RETRY_BACKOFF_BASE_MS: '-1' };
    // when
    const problems = problemsOf(env);
    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('mail.capturePort'),
        expect.stringContaining('retry.backoffBaseMs'),
        expect.stringContaining('ZEEBE_CLIENT_ID is required'),
        expect.stringContaining('SERVICENOW_URL is required'),
      ]),
    );
  });

  test('cross-field rules: OAuth needs ZEEBE_CLIENT_ID, ZEEBE_CLIENT_SECRET and CAMUNDA_OAUTH_URL; ServiceNow needs URL and credentials', () => {
    // given
    const env = { CAMUNDA_AUTH_STRATEGY: 'OAUTH', SERVICE_DESK_ADAPTER: 'servicenow' };
    // when
    const problems = problemsOf(env).join('\n');
    // then
    expect(problems).toContain('ZEEBE_CLIENT_ID is required when CAMUNDA_AUTH_STRATEGY=OAUTH');
    expect(problems).toContain('ZEEBE_CLIENT_SECRET is required');
    expect(problems).toContain('CAMUNDA_OAUTH_URL is required');
    expect(problems).toContain('SERVICENOW_URL is required when SERVICE_DESK_ADAPTER=servicenow');
    expect(problems).toContain('SERVICENOW_USERNAME and SERVICENOW_PASSWORD are required for basic auth');
  });

  test('real delivery (SMTP_URL) refuses the local placeholder addresses of the directory, service desk and vendor', () => {
    // given
    const env = { SMTP_URL: 'smtp://mail.region.example:25' };
    // when
    const problems = problemsOf(env).join('\n');
    // then
    expect(problems).toContain('directory.system-owner: still a local placeholder address');
    expect(problems).toContain('serviceDesk.intakeEmail');
    expect(problems).toContain('vendor.supportEmail');
  });

  test('the file configures the directory, office hours and stand-ins; the environment wins over the file', () => {
    // given
    const file = configFile({
      onDuty: { start: '07:30', end: '16:00', standIns: [{ from: '2026-07-01', to: '2026-07-31', name: 'Anna Berg' }] },
      vendor: { supportEmail: 'support@visma.se' },
      mail: { capturePort: 2600 },
    });
    // when
    const c = loadConfig({ SERVICE_CONFIG_FILE: file, SMTP_CAPTURE_PORT: '2700' });
    // then
    expect(c.onDuty.start).toBe('07:30');
    expect(c.onDuty.standIns).toEqual([{ from: '2026-07-01', to: '2026-07-31', name: 'Anna Berg' }]);
    expect(c.vendor.supportEmail).toBe('support@visma.se');
    expect(c.mail.capturePort).toBe(2700);
  });

  test('secrets only from the environment: a password in the file is refused, and so is a bad directory entry', () => {
    // given
    const file = configFile({
      serviceDesk: { adapter: 'servicenow', serviceNow: { baseUrl: 'https://itsm.example', username: 'u', password: 'p' } },
      web: { sessionSecret: 'x'.repeat(40) },
      directory: { desk: [{ name: 'Desk', email: 'not-an-address' }] },
      onDuty: { start: '25:00', standIns: [{ from: '2026-08-01', to: '2026-07-01', name: 'X' }] },
    });
    // when
    const problems = problemsOf({ SERVICE_CONFIG_FILE: file }).join('\n');
    // then
    expect(problems).toContain('password');
    expect(problems).toContain('sessionSecret');
    expect(problems).toContain('secrets belong in the environment');
    expect(problems).toContain('directory.desk.0.email');
    expect(problems).toContain('onDuty.start: must be HH:MM');
    expect(problems).toContain('stand-in "from" must not be after "to"');
  });

  test('an unreadable or malformed config file is one listed problem', () => {
    // given
    const file = configFile('{ not json');
    // when
    const problems = problemsOf({ SERVICE_CONFIG_FILE: file });
    // then
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SERVICE_CONFIG_FILE');
  });

  test('each setting is declared once: no variable is read by two settings', () => {
    // given every setting of the service's tables
    const variables = serviceConfigSpec.settings().flatMap(({ setting }) => [setting.env, ...(setting.aliases ?? [])]).filter((v) => v !== undefined);
    // when looking for a variable read twice
    const twice = variables.filter((v, i) => variables.indexOf(v) !== i);
    // then there is none
    expect(twice).toEqual([]);
  });

  test('a value from the environment is named by its variable; one from the file by its key', () => {
    // given
    const file = configFile({ mail: { capturePort: 'twenty' } });
    // when
    const problems = problemsOf({ SERVICE_CONFIG_FILE: file, OFFICE_HOURS_END: '24:00' });
    // then
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^mail\.capturePort: /), expect.stringMatching(/^OFFICE_HOURS_END \(onDuty\.end\): must be HH:MM/)]));
  });

  test('cross-field rules: BEARER needs CAMUNDA_OAUTH_TOKEN, BASIC user and password, ServiceNow bearer SERVICENOW_TOKEN; office hours in order', () => {
    // given / when
    const bearer = problemsOf({ CAMUNDA_AUTH_STRATEGY: 'BEARER', SERVICE_DESK_ADAPTER: 'servicenow', SERVICENOW_URL: 'https://itsm.example', SERVICENOW_AUTH: 'bearer' }).join('\n');
    const basic = problemsOf({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'u', OFFICE_HOURS_START: '17:00' }).join('\n');
    // then
    expect(bearer).toContain('CAMUNDA_OAUTH_TOKEN is required when CAMUNDA_AUTH_STRATEGY=BEARER');
    expect(bearer).toContain('SERVICENOW_TOKEN is required for bearer auth');
    expect(basic).toContain('CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD are required when CAMUNDA_AUTH_STRATEGY=BASIC');
    expect(basic).toContain('onDuty: office hours: start must be before end');
    expect(() => loadConfig({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'u', CAMUNDA_BASIC_AUTH_PASSWORD: 'p' })).not.toThrow();
  });

  test('every secret is refused in the file by its variable: SMTP_URL, ZEEBE_CLIENT_SECRET, NOTICE_WEBHOOK_TOKEN, INTAKE_API_TOKEN', () => {
    // given
    const file = configFile({ mail: { smtpUrl: 'smtp://u:p@mail.region.se' }, camunda: { clientSecret: 's' }, webhook: { token: 't' }, web: { intakeApiToken: 'x'.repeat(20) } });
    // when
    const problems = problemsOf({ SERVICE_CONFIG_FILE: file });
    // then
    for (const variable of ['SMTP_URL', 'ZEEBE_CLIENT_SECRET', 'NOTICE_WEBHOOK_TOKEN', 'INTAKE_API_TOKEN']) {
      expect(problems).toContainEqual(expect.stringContaining(`(${variable}): secrets belong in the environment`));
    }
  });

  test('the SDK gets the engine settings we validate under its own names; the rest it reads from the environment itself', () => {
    // given an OAuth set-up with SDK variables we do not validate
    const env = { CAMUNDA_AUTH_STRATEGY: 'OAUTH', ZEEBE_CLIENT_ID: 'id', ZEEBE_CLIENT_SECRET: 'secret', CAMUNDA_OAUTH_URL: 'https://login.region.se/token', ZEEBE_TOKEN_AUDIENCE: 'zeebe', WORKER_NAME: 'w' };
    // when
    const config = loadConfig(env);
    // then
    expect(serviceConfigSpec.passedOn(config)).toEqual({
      ZEEBE_REST_ADDRESS: 'http://127.0.0.1:8080',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_ID: 'id',
      ZEEBE_CLIENT_SECRET: 'secret',
      CAMUNDA_OAUTH_URL: 'https://login.region.se/token',
    });
    expect(Object.keys(config.camunda)).not.toContain('tokenAudience');
  });
});
