import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEVIATION_REPORT_CSS } from '../../../lib/timeline/reportStyles';
import { BrowserBundles } from '../assets/BrowserBundles';

const STATIC_DIR = join(__dirname, '..', 'static');

/** Third-party styles and fonts served straight from node_modules (a fixed allow-list of folders). */
const VENDOR_DIRS: Record<string, string> = {
  'form-js': join(dirname(require.resolve('@bpmn-io/form-js-viewer/package.json')), 'dist', 'assets'),
  'bpmn-js': join(dirname(require.resolve('bpmn-js/package.json')), 'dist', 'assets'),
};

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  svg: 'image/svg+xml',
};

export function assetRoutes(app: FastifyInstance): void {
  app.get('/assets/local-web.css', async (_req, reply) => {
    return reply.type(TYPES.css).header('cache-control', 'no-cache').send(await readFile(join(STATIC_DIR, 'local-web.css')));
  });

  app.get('/assets/report.css', async (_req, reply) => reply.type(TYPES.css).header('cache-control', 'no-cache').send(DEVIATION_REPORT_CSS));

  app.get('/assets/favicon.svg', async (_req, reply) => {
    return reply.type(TYPES.svg).header('cache-control', 'public, max-age=86400').send(await readFile(join(STATIC_DIR, 'favicon.svg')));
  });
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/assets/favicon.svg', 301));

  app.get('/assets/:name', async (req, reply) => {
    const name = (req.params as Record<string, string>).name;
    const bundles = await BrowserBundles.load();
    const file = bundles.get(name);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Finns inte.');
    return reply.type(TYPES.js).header('cache-control', 'no-cache').send(file);
  });

  app.get('/vendor/:pkg/*', async (req, reply) => {
    const { pkg, '*': rest } = req.params as Record<string, string>;
    // own keys only: `__proto__` or `constructor` are names of every object, not vendor folders
    const base = Object.hasOwn(VENDOR_DIRS, pkg) ? VENDOR_DIRS[pkg] : undefined;
    const ext = rest.split('.').pop() ?? '';
    if (!base || !Object.hasOwn(TYPES, ext)) return reply.code(404).type('text/plain; charset=utf-8').send('Finns inte.');
    const full = normalize(join(base, rest));
    if (!full.startsWith(base + sep)) return reply.code(404).type('text/plain; charset=utf-8').send('Finns inte.');
    try {
      return reply.type(TYPES[ext]).header('cache-control', 'public, max-age=3600').send(await readFile(full));
    } catch {
      return reply.code(404).type('text/plain; charset=utf-8').send('Finns inte.');
    }
  });
}
