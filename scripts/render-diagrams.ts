/**
 * Renders every BPMN model in bpmn/ to docs/diagrams/<process-id>.png with bpmn-js (the same renderer as
 * Camunda Modeler and Operate) in headless Debian chromium.
 *
 *   npx tsx scripts/render-diagrams.ts            # all models
 *   npx tsx scripts/render-diagrams.ts --out dir  # somewhere else (tests)
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..');
const BPMN_JS = path.join(ROOT, 'node_modules/bpmn-js/dist');

/** The environment without libfaketime: the browser keeps real time when the tests run at a faked wall clock. */
function withoutFakeTime(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'].includes(e[0])),
  );
}

/** Debian's chromium, headless, for the diagrams and the browser tests (the one set of launch options). */
export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  env: withoutFakeTime(process.env),
};

export interface RenderedDiagram {
  processId: string;
  file: string;
  width: number;
  height: number;
}

/** Render each `<dir>/*.bpmn` to `<outDir>/<name>.png`. Fails on any import warning. */
export async function renderDiagrams(bpmnDir: string, outDir: string, browser?: Browser): Promise<RenderedDiagram[]> {
  mkdirSync(outDir, { recursive: true });
  const own = !browser;
  const b = browser ?? (await chromium.launch(CHROMIUM_OPTIONS));
  const rendered: RenderedDiagram[] = [];
  try {
    const page = await b.newPage({ deviceScaleFactor: 1 });
    const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']
      .map((f) => readFileSync(path.join(BPMN_JS, 'assets', f), 'utf8'))
      .join('\n');
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>${css}
       html,body{margin:0;padding:0;background:#fff;font-family:Arial,sans-serif}
       #canvas{width:100%;height:100%;position:absolute;inset:0}
       .djs-palette,.bjs-powered-by{display:none!important}</style></head><body><div id="canvas"></div></body></html>`,
    );
    await page.addScriptTag({ path: path.join(BPMN_JS, 'bpmn-viewer.production.min.js') });
    for (const file of readdirSync(bpmnDir).filter((f) => f.endsWith('.bpmn')).sort()) {
      const xml = readFileSync(path.join(bpmnDir, file), 'utf8');
      const box = await page.evaluate(async (xml: string) => {
        const w = window as unknown as { viewer?: { destroy(): void }; BpmnJS: new (o: object) => unknown };
        w.viewer?.destroy();
        const viewer = new w.BpmnJS({ container: '#canvas' }) as {
          importXML(x: string): Promise<{ warnings: { message: string }[] }>;
          get(n: string): { zoom(l: number | string, c?: unknown): void; viewbox(v?: object): { inner: { x: number; y: number; width: number; height: number } } };
          destroy(): void;
        };
        w.viewer = viewer;
        const { warnings } = await viewer.importXML(xml);
        const canvas = viewer.get('canvas');
        const inner = canvas.viewbox().inner;
        return { warnings: warnings.map((x) => x.message), inner };
      }, xml);
      if (box.warnings.length) throw new Error(`${file}: bpmn-js import warnings: ${box.warnings.join('; ')}`);
      const margin = 30;
      const width = Math.ceil(box.inner.width + 2 * margin);
      const height = Math.ceil(box.inner.height + 2 * margin);
      await page.setViewportSize({ width, height });
      await page.evaluate(
        ({ x, y, width, height }) => {
          const w = window as unknown as { viewer: { get(n: string): { viewbox(v: object): void } } };
          w.viewer.get('canvas').viewbox({ x, y, width, height });
        },
        { x: box.inner.x - margin, y: box.inner.y - margin, width, height },
      );
      const out = path.join(outDir, file.replace(/\.bpmn$/, '.png'));
      await page.screenshot({ path: out, fullPage: false });
      rendered.push({ processId: file.replace(/\.bpmn$/, ''), file: out, width, height });
    }
    await page.close();
  } finally {
    if (own) await b.close();
  }
  return rendered;
}

if (require.main === module) {
  const outIdx = process.argv.indexOf('--out');
  const outDir = outIdx > 0 ? path.resolve(process.argv[outIdx + 1]) : path.join(ROOT, 'docs/diagrams');
  renderDiagrams(path.join(ROOT, 'bpmn'), outDir)
    .then((r) => {
      for (const d of r) console.log(`${d.processId}: ${path.relative(ROOT, d.file)} (${d.width}×${d.height})`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
