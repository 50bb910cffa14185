// Where things are in a YAML file, so every problem can be reported as file:line:col: the position-
// keeping parser (the `yaml` package), set up the first time a position is asked for. Kept apart from
// the fast reader (source.ts, js-yaml), which a run that builds its banks from what was kept of them
// and reads no YAML file never loads.
import type { Document, LineCounter, Node } from 'yaml';

type YamlPackage = typeof import('yaml');
let yamlPackage: YamlPackage | undefined;

/**
 * The position-keeping parser (the `yaml` package), set up the first time a position or a careful
 * read is needed: most runs read clean files with js-yaml and never ask where anything is. Required,
 * as reads are synchronous; the bundle runs its code only then.
 */
export function yaml(): YamlPackage {
  yamlPackage ??= require('yaml') as YamlPackage;
  return yamlPackage;
}

export type Severity = 'error' | 'warning';

export interface SourceProblem {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
}

export type Path = readonly (string | number)[];

export interface YamlSource {
  file: string;
  text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

export type YamlResult =
  | { ok: true; value: unknown; source: YamlSource }
  | { ok: false; problems: SourceProblem[] };

export function formatProblem(p: SourceProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`;
}

export function byPosition(a: SourceProblem, b: SourceProblem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
}

/** A source whose position-keeping parse happens on first use. */
export function lazySource(file: string, text: string): YamlSource {
  let parsed: { doc: Document; lineCounter: LineCounter } | undefined;
  const parse = () => {
    if (!parsed) {
      const lineCounter = new (yaml().LineCounter)();
      parsed = {
        doc: yaml().parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false }),
        lineCounter,
      };
    }
    return parsed;
  };
  return {
    file,
    text,
    get doc() {
      return parse().doc;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
}

/** Whether the map at a path is written inline, `{ a: 1, b: 2 }`. */
export function isFlowMap(source: YamlSource, path: Path): boolean {
  const node = source.doc.getIn(path, true);
  return yaml().isMap(node) && node.flow === true;
}

/**
 * Where a path points in the source. For a missing key, the map that should hold it; with `key: true`,
 * the key itself rather than its value.
 */
export function locate(
  source: YamlSource,
  path: Path,
  options: { key?: boolean } = {},
): { line: number; col: number } {
  let node: unknown = source.doc.contents;
  let found: Node | undefined = yaml().isNode(node) ? node : undefined;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => yaml().isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      if (last && options.key && yaml().isNode(pair.key)) {
        found = pair.key;
        break;
      }
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray(node.items)) {
      node = typeof segment === 'number' ? node.items[segment] : undefined;
    } else {
      break;
    }
    if (yaml().isPair(node)) node = node.value;
    if (yaml().isAlias(node) || !yaml().isNode(node)) break;
    found = node;
  }
  return source.lineCounter.linePos(found?.range?.[0] ?? 0);
}

/** The position of a character inside a scalar's value (for an error inside an expression). */
export function locateInScalar(
  source: YamlSource,
  path: Path,
  offset: number,
): { line: number; col: number } {
  const node = source.doc.getIn(path, true);
  if (!yaml().isScalar(node) || !node.range) return locate(source, path);
  const start = node.range[0];
  const raw = source.text.slice(start, node.range[1]);
  // Plain and quoted one-line scalars map offsets directly; block scalars fall back to their start.
  if (node.type === 'PLAIN') return source.lineCounter.linePos(start + offset);
  // Quoted ones too while nothing in them is escaped: a backslash in double quotes, '' in single.
  const escaped = node.type === 'QUOTE_DOUBLE' ? raw.includes('\\') : raw.slice(1, -1).includes("''");
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && !escaped) {
    return source.lineCounter.linePos(start + 1 + offset);
  }
  return source.lineCounter.linePos(start);
}
