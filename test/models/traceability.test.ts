import { readFileSync } from 'node:fs';
import { generateTraceability, testNamesIn, TRACEABILITY_FILE } from '../../scripts/traceability';
import { readModelFacts } from '../../lint/modelFacts';
import { ruleIdsIn } from '../../lint/util';
import path from 'node:path';

describe('traceability (docs/traceability.md)', () => {
  it('is not stale: regenerating it from bpmn/ and test names gives the committed file (run `npm run traceability`)', async () => {
    // given the committed file
    const committed = readFileSync(TRACEABILITY_FILE, 'utf8');
    // when generated again from the models and the test names
    const generated = await generateTraceability();
    // then nothing changed
    expect(committed).toBe(generated);
  });

  it('every rule of the routine (R-rules) is named in the models’ documentation', async () => {
    // given the models
    const facts = await readModelFacts(path.join(__dirname, '../../bpmn'));
    // when collecting the rule ids their documentation names
    const named = new Set(facts.elements.flatMap((e) => e.rules));
    // then all 22 rules of the routine are there
    const missing = Array.from({ length: 22 }, (_, i) => `R${i + 1}`).filter((r) => !named.has(r));
    expect(missing).toEqual([]);
  });

  it('reads full test names through nested describe and .each', () => {
    // given a test file with nesting and a table
    const src = `describe('outer R1', () => { describe.each([1])('inner %s', () => { it('does P2', () => {}); }); test.each([1])('row %s R3', () => {}); });`;
    // when scanned
    const names = testNamesIn('x.test.ts', src);
    // then each test has its describe chain
    expect(names).toEqual(['outer R1 › inner %s › does P2', 'outer R1 › row %s R3']);
  });

  it('reads rule ids and ranges, but not ISO 8601 repetitions like R3/PT1H', () => {
    expect(ruleIdsIn('R3/PT1H cycle; R17: backup; P3 and R19–R21; R/PT1H')).toEqual(['R17', 'P3', 'R19', 'R20', 'R21']);
  });
});
