import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The layout rules of runtime/src (issue 11, runtime/ENGINE.md): kept by a test so that they stay true. */
const SRC = path.resolve(__dirname, '../../runtime/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const files = sources(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
const SQL = /\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b/;

describe('runtime/src layout', () => {
  it('SQL is written only in store/ (one repository per table family)', () => {
    // given / when
    const withSql = files.filter((f) => !f.file.startsWith(`store${path.sep}`) && SQL.test(f.text)).map((f) => f.file);
    // then
    expect(withSql).toEqual([]);
    expect(files.filter((f) => f.file.startsWith(`store${path.sep}`) && SQL.test(f.text)).length).toBeGreaterThanOrEqual(12);
    expect(files.filter((f) => f.text.includes("from 'better-sqlite3'")).map((f) => f.file)).toEqual([path.join('store', 'Store.ts')]);
  });

  it('Engine.ts is only the Broker facade (at most 300 lines); no file over 400 lines without a one-line reason at its top', () => {
    // given
    const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    // when
    const engine = files.find((f) => f.file === path.join('engine', 'Engine.ts'));
    const long = files.filter((f) => lines(f.text) > 400 && !/^\/\/ .+/.test(f.text.split('\n')[0])).map((f) => `${f.file}: ${lines(f.text)}`);
    // then
    expect(lines(engine?.text ?? '')).toBeLessThanOrEqual(300);
    expect(long).toEqual([]);
  });

  it('the latest-version query and the key pattern are written once', () => {
    // given / when
    const latest = files.filter((f) => /ORDER BY version DESC/.test(f.text)).map((f) => f.file);
    const keyPattern = files.filter((f) => f.text.includes('\\d{1,16}')).map((f) => f.file);
    // then
    expect(latest).toEqual([path.join('store', 'latestVersion.ts')]);
    expect(keyPattern).toEqual([path.join('engine', 'command', 'input.ts')]);
  });
});
