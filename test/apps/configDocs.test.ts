import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_DOCS, generateConfigDocs } from '../../apps/configDocs';
import { runtimeConfigSpec } from '../../runtime/src/config';
import { serviceConfigSpec } from '../../service/config';

describe('configuration docs (docs/workers.md, docs/service-web.md, docs/runtime.md)', () => {
  it('are not stale: regenerating the tables from the settings gives the committed files (run `npm run config-docs`)', () => {
    // given the committed files
    // when the tables are generated again from the settings
    const generated = generateConfigDocs();
    // then nothing changed
    expect(generated.size).toBe(new Set(CONFIG_DOCS.map((d) => d.file)).size);
    for (const [file, content] of generated) expect({ file: path.basename(file), content: readFileSync(file, 'utf8') }).toEqual({ file: path.basename(file), content });
  });

  it('every variable the service and the runtime read has its row', () => {
    // given the docs as committed
    const docs = CONFIG_DOCS.map((d) => readFileSync(path.join(__dirname, '../..', d.file), 'utf8')).join('\n');
    // when listing the variables of both configurations
    const variables = [...serviceConfigSpec.settings(), ...runtimeConfigSpec.settings()].flatMap(({ setting }) => [setting.env, ...(setting.aliases ?? [])]).filter((v) => v !== undefined);
    // then each is in a table row
    expect(variables.filter((v) => !docs.includes(`| \`${v}\``) && !docs.includes(`(\`${v}\`)`))).toEqual([]);
  });
});
