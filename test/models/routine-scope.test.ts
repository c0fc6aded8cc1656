import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PRODUCT_AREAS } from '../../contract';
import { readModelFacts } from '../../lint/modelFacts';

const ROOT = path.join(__dirname, '../..');

describe('scope of the routine in the models', () => {
  it('R1, R2: the main process names the three systems, the six product areas and that IT owns every disruption', async () => {
    // given the main process's documentation and the assess-scope form
    const facts = await readModelFacts(path.join(ROOT, 'bpmn'));
    const main = facts.elements.find((e) => e.type === 'bpmn:Process' && e.id === 'driftstorning-sesam')!;
    const xml = readFileSync(path.join(ROOT, 'bpmn/driftstorning-sesam.bpmn'), 'utf8');
    const form = readFileSync(path.join(ROOT, 'forms/assess-scope.form'), 'utf8');
    // then the systems and product areas are there, as in the original routine
    expect(main.rules).toEqual(expect.arrayContaining(['R1', 'R2']));
    for (const system of ['Sesam S2', 'Websesam', 'Visma webSesam']) expect(xml).toContain(system);
    for (const area of ['Syn', 'Hörsel', 'Rörelse', 'Andning', 'TENS', 'Ortopedtekn']) expect(form + xml).toContain(area);
    expect(PRODUCT_AREAS).toHaveLength(6);
    expect(xml).toContain('Region Skånes IT-avdelning');
  });
});
