/**
 * Dependencies declared exactly (a depcheck of our own, on TypeScript's parser): every package the code imports is
 * declared; every declared package is used; what runs in production is a dependency and nothing else is; every
 * package in the lockfile runs on the project's lowest Node; `npm ls` is clean.
 *
 * "Run time" is everything the production commands load – `npm start`, `npm run runtime`, `npm run service`,
 * `npm run deploy` (their `tsx <file>` and every file those import) – plus the browser scripts that runtime/web
 * bundles with esbuild while it runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import semver from 'semver';
import ts from 'typescript';
import { BUNDLE_NAMES } from '../runtime/web/assets/BrowserBundles';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
  '//'?: string[];
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; bin?: Record<string, string>; engines?: Record<string, string> | string[] }>;
};

/** The npm scripts a production machine runs; every other script is a developer's or CI's. */
const RUN_TIME_SCRIPTS = ['start', 'runtime', 'service', 'deploy'];
const BROWSER_ENTRIES = BUNDLE_NAMES.map((n) => `runtime/web/static/src/${n}.ts`);

/** Declared packages no source file imports: each used by a tool or a config file, which must name it. */
const USED_WITHOUT_IMPORT: { pkg: string; file: string; mention: string; reason: string }[] = [
  { pkg: '@swc/jest', file: 'jest.config.cjs', mention: '@swc/jest', reason: "jest's transform (TypeScript and ESM-only packages to CommonJS)" },
  { pkg: '@swc/core', file: 'jest.config.cjs', mention: '@swc/jest', reason: 'the compiler @swc/jest runs (its peer dependency)' },
  { pkg: 'bpmnlint-plugin-camunda-compat', file: '.bpmnlintrc', mention: 'plugin:camunda-compat/', reason: 'bpmnlint resolves it by name from .bpmnlintrc' },
  { pkg: 'fast-check', file: 'docs/timelines.md', mention: 'fast-check', reason: 'test/timelines generates outage timelines with it (branch timelines, not yet on this one)' },
];

interface Use {
  pkg: string;
  file: string;
  /** false for `import type`, `export type` and `import('x').T`: erased before the code runs. */
  atRunTime: boolean;
}

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (f.startsWith('.') || ['node_modules', 'coverage', 'test-artifacts'].includes(f)) return [];
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(c|m)?[jt]s$/.test(f) ? [p] : [];
  });
}

const isTypeOnlyImport = (node: ts.ImportDeclaration): boolean => {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
};

/** Package and relative imports of one file: static and dynamic imports, re-exports, require (also via createRequire), require.resolve, and `node_modules/<pkg>` paths. */
function importsOf(file: string): { packages: Use[]; relative: { target: string; atRunTime: boolean }[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const packages: Use[] = [];
  const relative: { target: string; atRunTime: boolean }[] = [];
  const requireNames = new Set(['require']);
  const add = (specifier: string, atRunTime: boolean) => {
    const name = packageOf(specifier);
    if (name) packages.push({ pkg: name, file: rel, atRunTime });
    else if (specifier.startsWith('.')) relative.push({ target: path.resolve(path.dirname(file), specifier), atRunTime });
  };
  const isRequireCall = (callee: ts.Expression): boolean =>
    (ts.isIdentifier(callee) && requireNames.has(callee.text)) ||
    (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve') ||
    (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire');
  const visit = (node: ts.Node): void => {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      // `declare module 'x' { ... }` declares types for x; only imports inside it count (as types).
      node.body?.forEachChild(visit);
      return;
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, !isTypeOnlyImport(node) && !source.isDeclarationFile);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, !node.isTypeOnly && !source.isDeclarationFile);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node.argument.literal.text, false);
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.initializer.expression) && node.initializer.expression.text === 'createRequire') {
      requireNames.add(node.name.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(node.expression)) add(node.arguments[0].text, true);
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node)) {
      for (const m of node.text.matchAll(/node_modules\/((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)/g)) packages.push({ pkg: m[1], file: rel, atRunTime: true });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return { packages, relative };
}

function resolveRelative(target: string): string | undefined {
  return [target, `${target}.ts`, path.join(target, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Every file the production commands and the browser bundles load, and the packages they load at run time. */
function runTimePackages(): Map<string, string> {
  // `tsx apps/x.ts` or `node <options> --require tsx/cjs apps/x.ts`: the TypeScript file the script runs
  const entries = RUN_TIME_SCRIPTS.flatMap((s) => [...pkg.scripts[s].matchAll(/\s(\S+\.ts)(?=\s|$)/g)].map((m) => m[1]));
  expect(entries.length).toBeGreaterThanOrEqual(RUN_TIME_SCRIPTS.length);
  const seen = new Set<string>();
  const found = new Map<string, string>();
  const queue = [...entries, ...BROWSER_ENTRIES].map((e) => path.join(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[cm]?[jt]s$/.test(file)) continue; // JSON and other data files
    const { packages, relative } = importsOf(file);
    for (const use of packages) if (use.atRunTime && !found.has(use.pkg)) found.set(use.pkg, use.file);
    for (const r of relative) {
      const resolved = r.atRunTime ? resolveRelative(r.target) : undefined;
      if (resolved) queue.push(resolved);
    }
  }
  return found;
}

/** Commands of package.json's scripts, the shell scripts and CI: where a package's bin is used. */
function commandText(): string {
  const shell = ['scripts', '.ci'].flatMap((d) => readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.sh') || f === 'run').map((f) => readFileSync(path.join(ROOT, d, f), 'utf8')));
  return [...Object.values(pkg.scripts), ...shell].join('\n');
}

/** The commands a package installs (from the lockfile: what `npm ci` puts in node_modules/.bin). */
function binsOf(name: string): string[] {
  return Object.keys(lock.packages[`node_modules/${name}`]?.bin ?? {});
}

describe('dependencies: declared exactly, and true to the Node version the README names', () => {
  const uses = sourceFiles(ROOT).flatMap((f) => importsOf(f).packages);
  const declared = { ...pkg.dependencies, ...pkg.devDependencies };
  const usedNames = new Set(uses.map((u) => u.pkg));

  it('every package the code imports is declared in package.json', () => {
    // given every import of every source, test, script and config file
    // when comparing each imported package with package.json (types may come from @types/<name>)
    const undeclared = uses.filter((u) => !(u.pkg in declared) && !(!u.atRunTime && `@types/${u.pkg.replace(/^@(.*)\//, '$1__')}` in declared));
    // then none is missing
    expect(undeclared.map((u) => `${u.pkg} (imported by ${u.file})`)).toEqual([]);
  });

  it('every declared package is used: imported, its bin run by a script, its types for a used package, or a named tool of a config file', () => {
    // given what the code imports, what the scripts run and which tools the config files name
    const commands = commandText();
    const tsTypes = (JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { types?: string[] } }).compilerOptions.types ?? [];
    const typedPackage = (name: string) => name.replace(/^@types\//, '').replace(/^(.*)__/, '@$1/');
    const used = (name: string): boolean =>
      usedNames.has(name) ||
      binsOf(name).some((bin) => new RegExp(`(^|[\\s;&|(])(npx\\s+)?${bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(commands)) ||
      (name.startsWith('@types/') && (usedNames.has(typedPackage(name)) || tsTypes.includes(typedPackage(name)))) ||
      USED_WITHOUT_IMPORT.some((a) => a.pkg === name);
    // when looking for each declared package
    const unused = Object.keys(declared).filter((name) => !used(name));
    // then every one has a use
    expect(unused).toEqual([]);
  });

  it('each package used without an import is named by the config file its reason gives', () => {
    // given the allow-list of tools
    // when reading the file each entry points to
    const stale = USED_WITHOUT_IMPORT.filter((a) => !existsSync(path.join(ROOT, a.file)) || !readFileSync(path.join(ROOT, a.file), 'utf8').includes(a.mention));
    // then each still names its package, and each is declared
    expect(stale.map((a) => `${a.pkg}: ${a.file} no longer mentions ${a.mention}`)).toEqual([]);
    expect(USED_WITHOUT_IMPORT.filter((a) => !(a.pkg in declared)).map((a) => a.pkg)).toEqual([]);
  });

  it('what runs in production is a dependency, and every dependency runs in production', () => {
    // given the packages loaded by the production commands (their files, their imports, their bins) and the browser bundles
    const runTime = runTimePackages();
    for (const s of RUN_TIME_SCRIPTS) for (const name of Object.keys(declared)) if (binsOf(name).some((bin) => new RegExp(`^${bin}\\s`).test(pkg.scripts[s]))) runTime.set(name, `npm run ${s}`);
    // when comparing with dependencies and devDependencies
    const devOnly = [...runTime].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (loaded by ${file}) is not in dependencies`);
    const notAtRunTime = Object.keys(pkg.dependencies).filter((name) => !runTime.has(name)).map((name) => `${name} is in dependencies but nothing run in production loads it`);
    // then neither list has an entry
    expect([...devOnly, ...notAtRunTime]).toEqual([]);
  });

  it("no package in the lockfile excludes the project's lowest Node version (package.json engines)", () => {
    // given the project's range and every package npm ci installs
    const lowest = semver.minVersion(pkg.engines.node);
    expect(lowest?.version).toBe('20.19.0');
    // when reading each package's engines.node
    const excluding = Object.entries(lock.packages).flatMap(([where, p]) => {
      if (!where) return [];
      const engines = p.engines;
      const range = Array.isArray(engines) ? engines.find((e) => e.startsWith('node'))?.replace(/^node\s*/, '') : engines?.node;
      return range && !semver.satisfies(lowest!, range) ? [`${where.replace(/^.*node_modules\//, '')}@${p.version} asks for node ${range}`] : [];
    });
    // then Node 20.19 satisfies every one
    expect(excluding).toEqual([]);
  });

  it('every npm override says why in package.json', () => {
    // given the overrides
    const reasons = (pkg['//'] ?? []).join('\n');
    // then each has a line "overrides.<name>: ..."
    expect(Object.keys(pkg.overrides ?? {}).filter((name) => !reasons.includes(`overrides.${name}:`))).toEqual([]);
  });

  it('npm ls finds nothing missing, extraneous or invalid', () => {
    // given the installed tree
    // when npm checks it against package.json and the lockfile (exits non-zero on any problem)
    const run = () => execFileSync('npm', ['ls', '--all', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    // then it passes
    expect(run).not.toThrow();
  });
});
