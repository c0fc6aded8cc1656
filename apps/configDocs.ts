/**
 * `npm run config-docs`: writes the configuration tables in docs/ from the settings tables (service/settings/,
 * runtime/src/config.ts). Not a composition root: it lives beside them because only apps/ may read both the service's
 * and the runtime's configuration. `--check` exits 1 when a table is stale (test/apps/configDocs.test.ts does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { replaceGeneratedBlock } from '../lib/config/generatedBlock';
import { runtimeConfigSpec } from '../runtime/src/config';
import { serviceConfigSpec } from '../service/config';

const ROOT = path.resolve(__dirname, '..');
const COMMAND = 'npm run config-docs';

/** Which table goes where. */
export const CONFIG_DOCS: readonly { file: string; block: string; table: () => string }[] = [
  { file: 'docs/workers.md', block: 'service-config', table: () => serviceConfigSpec.docsTable((s) => s.path[0] !== 'web') },
  { file: 'docs/service-web.md', block: 'service-web-config', table: () => serviceConfigSpec.docsTable((s) => s.path[0] === 'web') },
  { file: 'docs/runtime.md', block: 'runtime-config', table: () => runtimeConfigSpec.docsTable(() => true, false) },
];

/** Each docs file as it should read (absolute path → content). */
export function generateConfigDocs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const { file, block, table } of CONFIG_DOCS) {
    const absolute = path.join(ROOT, file);
    out.set(absolute, replaceGeneratedBlock(out.get(absolute) ?? readFileSync(absolute, 'utf8'), block, COMMAND, table()));
  }
  return out;
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, content] of generateConfigDocs()) {
    if (readFileSync(file, 'utf8') === content) continue;
    stale++;
    if (check) process.stderr.write(`${path.relative(ROOT, file)}: the configuration table is stale (run ${COMMAND})\n`);
    else writeFileSync(file, content);
  }
  if (check && stale > 0) process.exit(1);
  if (!check) process.stdout.write(`${stale} file(s) written\n`);
}

if (require.main === module) main();
