// The shape of the house, kept: what may import what (ARCHITECTURE.md), no import cycles, and the
// libraries that only one room may load.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

interface Import {
  from: string;
  /** Our module (path relative to src/, .ts) or a package name. */
  to: string;
  ours: boolean;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2]) as string;
    if (!spec.startsWith('.')) return { from, to: spec.startsWith('node:') ? spec : spec, ours: false };
    const to = relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
    return { from, to, ours: true };
  });
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

/** The room a module lives in: its folder, or the file itself at the top of src/. */
const room = (path: string) =>
  path.includes('/') ? (path.split('/')[0] as string) : path.replace(/\.ts$/, '');

/** What each room may import besides itself (ARCHITECTURE.md, "What may import what"). */
const ALLOWED: Record<string, readonly string[]> = {
  index: ['cli', 'errors', 'ui'],
  'pool-worker': ['app', 'store'],
  cli: ['commands', 'app', 'model', 'errors', 'ui'],
  commands: ['app', 'ui', 'export', 'store', 'journey', 'bank', 'model', 'yaml', 'errors'],
  app: ['ui', 'export', 'store', 'journey', 'bank', 'model', 'yaml', 'errors'],
  ui: ['journey', 'bank', 'model', 'yaml', 'errors'],
  export: ['journey', 'bank', 'model', 'yaml', 'errors'],
  store: ['journey', 'bank', 'model', 'yaml', 'errors'],
  journey: ['bank', 'model', 'yaml', 'errors'],
  bank: ['journey', 'model', 'yaml', 'errors'],
  model: [],
  yaml: [],
  errors: [],
};

describe('what may import what', () => {
  it('knows every room of src/', () => {
    expect(Object.keys(ALLOWED)).toEqual(
      expect.arrayContaining([...new Set(files.map((f) => room(relative(SRC, f))))]),
    );
  });

  it('has no import from a room to one it may not use (arrows point down only)', () => {
    const wrong = imports
      .filter((i) => i.ours && room(i.to) !== room(i.from))
      .filter((i) => !(ALLOWED[room(i.from)] ?? []).includes(room(i.to)))
      .map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('has no import cycle anywhere in src/ (static or lazy imports)', () => {
    const graph = new Map<string, string[]>();
    for (const i of imports.filter((x) => x.ours)) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    expect(cycles(graph)).toEqual([]);
  });

  it.each([
    ['@inquirer/prompts', ['ui/prompts.ts']],
    ['chalk', ['ui/']],
    ['js-yaml', ['yaml/']],
    ['yaml', ['yaml/']],
  ])('loads %s only in %j', (library, rooms) => {
    const users = imports.filter((i) => !i.ours && i.to === library).map((i) => i.from);
    expect(users.filter((f) => !rooms.some((r) => f === r || (r.endsWith('/') && f.startsWith(r))))).toEqual(
      [],
    );
  });
});

/** Every cycle, as the modules on it (Tarjan's strongly connected components larger than one). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}
