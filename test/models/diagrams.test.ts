import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderDiagrams } from '../../scripts/render-diagrams';
import { PROCESSES } from '../../contract';

const ROOT = path.join(__dirname, '../..');

describe('diagrams render in bpmn-js (what Camunda Modeler and Operate show)', () => {
  it('every model imports into bpmn-js without warnings and renders to a PNG', async () => {
    // given the models
    const out = mkdtempSync(path.join(tmpdir(), 'diagrams-'));
    try {
      // when rendered in headless chromium
      const rendered = await renderDiagrams(path.join(ROOT, 'bpmn'), out);
      // then each process has a non-trivial PNG
      expect(rendered.map((r) => r.processId).sort()).toEqual(Object.values(PROCESSES).sort());
      for (const r of rendered) {
        const png = readFileSync(r.file);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.length).toBeGreaterThan(10_000);
        expect(r.width).toBeGreaterThan(500);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60000);
});
