import { z } from 'zod';
import { ConfigError } from '../../../lib/config/ConfigError';
import { ConfigSpec } from '../../../lib/config/ConfigSpec';
import { setting } from '../../../lib/config/Setting';
import { flag, port, positiveInt } from '../../../lib/config/valueTypes';

/** A small configuration: one section with a group, a secret, a file-only and an environment-only setting. */
const settings = {
  server: {
    port: setting({ env: 'APP_PORT', aliases: ['OLD_APP_PORT'], type: port().default(3000), doc: 'port' }),
    secure: setting({ env: 'APP_SECURE', type: flag().default(false), doc: 'TLS' }),
    token: setting({ env: 'APP_TOKEN', secret: true, type: z.string().optional(), doc: 'bearer token' }),
    limits: {
      timeoutMs: setting({ env: 'APP_TIMEOUT_MS', type: positiveInt().default(1000), doc: 'timeout' }),
    },
  },
  names: setting({ type: z.array(z.string()).default(['a']), doc: 'file only' }),
  debugHook: setting({ env: 'APP_DEBUG_HOOK', file: false, passOn: true, type: z.string().optional(), doc: 'env only, handed on' }),
};

const spec = new ConfigSpec(settings, {
  rules: [
    (c, problem) => {
      if (c.server?.secure && !c.server.token) problem('server.token', 'APP_TOKEN is required when APP_SECURE=true');
    },
  ],
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('ConfigSpec: a configuration declared once as tables of settings', () => {
  test('the schema gives every default, nested groups included', () => {
    // given / when
    const config = spec.parse({});
    // then
    expect(config).toEqual({ server: { port: 3000, secure: false, limits: { timeoutMs: 1000 } }, names: ['a'] });
  });

  test('the environment reader takes each variable (or its older name) as text through the setting’s type', () => {
    // given / when
    const config = spec.parse({ env: { OLD_APP_PORT: '8080', APP_SECURE: 'yes', APP_TOKEN: 't', APP_TIMEOUT_MS: '50', APP_DEBUG_HOOK: '', UNRELATED: 'x' } });
    // then
    expect(config.server).toEqual({ port: 8080, secure: true, token: 't', limits: { timeoutMs: 50 } });
    expect(config.debugHook).toBeUndefined();
  });

  test('precedence: options > environment > file > default', () => {
    // given
    const file = { name: 'app.json', data: { server: { port: 1, limits: { timeoutMs: 2 } }, names: ['from-file'] } };
    // when
    const config = spec.parse({ file, env: { APP_PORT: '10', APP_TIMEOUT_MS: '20' }, options: { server: { port: 100 } } });
    // then
    expect(config.server.port).toBe(100);
    expect(config.server.limits.timeoutMs).toBe(20);
    expect(config.names).toEqual(['from-file']);
  });

  test('the file check: a secret names its variable, an environment-only setting and an unknown key are refused', () => {
    // given
    const file = { name: 'app.json', data: { server: { token: 'x', apiSecret: 'y', nope: 1 }, debugHook: 'z' } };
    // when
    const problems = problemsOf(() => spec.parse({ file }));
    // then
    expect(problems).toEqual([
      'app.json: server.token: a secret (APP_TOKEN): secrets belong in the environment, not in the file',
      'app.json: server.apiSecret: unknown setting (secrets belong in the environment, not in the file)',
      'app.json: server.nope: unknown setting',
      'app.json: debugHook: only from the environment (APP_DEBUG_HOOK)',
    ]);
  });

  test('every problem at once, each named where to fix it: the variable for the environment, the path otherwise', () => {
    // given a bad port from the environment, a bad list from the file, and a cross-field rule broken
    const env = { APP_PORT: '70000', APP_SECURE: 'true', APP_TIMEOUT_MS: '-5' };
    const file = { name: 'app.json', data: { names: [1] } };
    // when
    const problems = problemsOf(() => spec.parse({ env, file }));
    // then
    expect(problems).toEqual([
      'APP_PORT (server.port): must be a port number between 0 and 65535',
      'APP_TIMEOUT_MS (server.limits.timeoutMs): must be greater than 0',
      'names.0: Invalid input: expected string, received number',
      'server.token: APP_TOKEN is required when APP_SECURE=true',
    ]);
  });

  test('options from code: an unknown one is a problem, an undefined one is "not given"', () => {
    expect(problemsOf(() => spec.parse({ options: { server: { port: undefined, colour: 'red' } } }))).toEqual(['server.colour: unknown option']);
  });

  test('passedOn: the values of the settings another library reads, by their variable name', () => {
    expect(spec.passedOn(spec.parse({ env: { APP_DEBUG_HOOK: 'on', APP_PORT: '1' } }))).toEqual({ APP_DEBUG_HOOK: 'on' });
  });

  test('the docs table: one row per setting with its variable, file key (or "secret"), default and meaning', () => {
    // given / when
    const table = spec.docsTable().split('\n');
    // then
    expect(table).toEqual([
      '| Variable | File key | Default | Meaning |',
      '|---|---|---|---|',
      '| `APP_PORT` (`OLD_APP_PORT`) | `server.port` | `3000` | port |',
      '| `APP_SECURE` | `server.secure` | `false` | TLS |',
      '| `APP_TOKEN` | secret: environment only | – | bearer token |',
      '| `APP_TIMEOUT_MS` | `server.limits.timeoutMs` | `1000` | timeout |',
      '| – | `names` | `["a"]` | file only |',
      '| `APP_DEBUG_HOOK` | – | – | env only, handed on |',
    ]);
    expect(spec.docsTable((s) => s.path[0] === 'names', false).split('\n')).toEqual(['| Variable | Default | Meaning |', '|---|---|---|', '| – | `["a"]` | file only |']);
  });
});
