import { build } from 'esbuild';
import { join } from 'node:path';

/** Entry points of the browser scripts (`static/src/<name>.ts`), served as `/assets/<name>.js`. */
export const BUNDLE_NAMES = ['task-form', 'task-list', 'diagram', 'report'] as const;
export type BundleName = (typeof BUNDLE_NAMES)[number];

const STATIC_DIR = join(__dirname, '..', 'static');

/**
 * Browser bundles (form-js, bpmn-js and our small scripts) built with esbuild in memory at start-up,
 * once per process: nothing generated is committed or written to disk.
 */
export class BrowserBundles {
  private static built: Promise<Map<string, Buffer>> | undefined;

  static load(): Promise<Map<string, Buffer>> {
    if (!BrowserBundles.built) {
      BrowserBundles.built = BrowserBundles.build();
      BrowserBundles.built.catch(() => (BrowserBundles.built = undefined));
    }
    return BrowserBundles.built;
  }

  private static async build(): Promise<Map<string, Buffer>> {
    const result = await build({
      entryPoints: Object.fromEntries(BUNDLE_NAMES.map((n) => [n, join(STATIC_DIR, 'src', `${n}.ts`)])),
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      outdir: '/bundles',
      logLevel: 'silent',
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const out = new Map<string, Buffer>();
    for (const f of result.outputFiles) {
      const name = f.path.replace(/^.*\//, '');
      out.set(name, Buffer.from(f.contents));
    }
    return out;
  }
}
