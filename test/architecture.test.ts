/**
 * The codebase's rooms and their doors: dependencies point one way – contract ← lib ← service ← workers, runtime/web on
 * contract + lib only, the engine (runtime/src) on nothing of the routine, composition roots in apps/ – and no two
 * top-level folders import each other (eslint's zones say the same per file; this checks the whole tree at once).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
/** Rooms: top-level folders; the runtime counts as two (its engine and its web pages). */
const ROOMS = ['contract', 'lib', 'service', 'workers', 'runtime/src', 'runtime/web', 'apps', 'scripts', 'lint', 'bench'];
/** Who may import whom (besides itself). */
const ALLOWED: Record<string, string[]> = {
  contract: [],
  lib: ['contract'],
  service: ['contract', 'lib'],
  workers: ['contract', 'lib', 'service'],
  'runtime/src': ['lib'],
  'runtime/web': ['contract', 'lib'],
  lint: ['contract'],
  scripts: ['contract', 'lib', 'lint'],
  apps: ['contract', 'lib', 'service', 'workers', 'runtime/src', 'runtime/web', 'scripts'],
  bench: ['contract', 'lib', 'service', 'workers', 'runtime/src', 'apps'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (['node_modules', 'fixtures', 'build', 'static'].includes(f)) return [];
    return statSync(p).isDirectory() ? sources(p) : f.endsWith('.ts') ? [p] : [];
  });
}

function roomOf(file: string): string | undefined {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return ROOMS.find((r) => rel === r || rel.startsWith(`${r}/`));
}

/** room → room → one importing file (for the message). */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const room of ROOMS) {
    for (const file of sources(path.join(ROOT, room))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\(|require\()\s*'(\.[^']+)'/g)) {
        const target = roomOf(path.resolve(path.dirname(file), m[1]));
        if (!target || target === room) continue;
        if (!graph.has(room)) graph.set(room, new Map());
        if (!graph.get(room)!.has(target)) graph.get(room)!.set(target, path.relative(ROOT, file));
      }
    }
  }
  return graph;
}

describe('architecture: one direction of dependencies between the top-level folders', () => {
  const graph = importGraph();

  it('every import between folders goes the allowed way', () => {
    // given every relative import of every source file
    const wrong: string[] = [];
    for (const [from, targets] of graph) {
      for (const [to, file] of targets) if (!ALLOWED[from].includes(to)) wrong.push(`${from} → ${to} (${file})`);
    }
    // then none goes against the arrows
    expect(wrong).toEqual([]);
  });

  it('no cycle between folders', () => {
    // given the folder graph
    const cycles: string[] = [];
    const visit = (room: string, trail: string[]) => {
      for (const next of graph.get(room)?.keys() ?? []) {
        if (trail.includes(next)) cycles.push([...trail.slice(trail.indexOf(next)), next].join(' → '));
        else visit(next, [...trail, next]);
      }
    };
    for (const room of ROOMS) visit(room, [room]);
    // then there is none
    expect(cycles).toEqual([]);
  });

  it('the checks see the tree: the service imports contract/ and lib/, the workers the service', () => {
    expect([...(graph.get('service')?.keys() ?? [])].sort()).toEqual(['contract', 'lib']);
    expect(graph.get('workers')?.has('service')).toBe(true);
  });
});
