// Reading YAML, so every problem can be reported as file:line:col: js-yaml for a clean file, the
// position-keeping parser (positions.ts) for a problem. The project's one YAML reader: banks,
// session files, records, configuration and answers files.
import { CORE_SCHEMA, type LoadOptions, load as loadYaml } from 'js-yaml';

import type { Document, LineCounter, Node, YAMLError } from 'yaml';
import { MAX_YAML_BYTES } from './limits.js';
import { lazySource, type SourceProblem, type YamlResult, type YamlSource, yaml } from './positions.js';

/**
 * Parses YAML strictly: duplicate keys, unknown tags and every parser warning are errors, and aliases
 * are refused outright (no billion-laughs, and banks read the same in every editor).
 *
 * Two parsers, for speed: js-yaml reads a clean file several times faster, and the position-keeping
 * \`yaml\` parser runs only when a file has a problem to report, or when positions are asked for
 * (lazily, through the source). A file that may hold an alias always takes the careful path.
 */
export function readYaml(text: string, file: string, options: { maxBytes?: number } = {}): YamlResult {
  const cap = options.maxBytes ?? MAX_YAML_BYTES;
  if (Buffer.byteLength(text) > cap) {
    return { ok: false, problems: [problem(file, 1, 1, `file is larger than ${cap / 1024} KiB`)] };
  }
  if (!EXPLICIT_BLOCK_KEY.test(text)) {
    try {
      // A file that may hold an alias or a flow key (`{ ? key: value }`) is read with a watch on
      // what the fast parser meets; only a real anchor or odd key sends it the careful way, not a
      // `*` or `,? ` inside a quoted pattern.
      const watch = MAYBE_ALIAS_OR_FLOW_KEY.test(text) ? fastParserWatch(text) : undefined;
      const value = loadYaml(text, {
        schema: CORE_SCHEMA,
        filename: file,
        ...(watch ? { listener: watch.listener as unknown as LoadOptions['listener'] } : {}),
      });
      if (!watch?.suspicious()) return { ok: true, value, source: lazySource(file, text) };
    } catch {
      // Fall through: the careful parser says where and what, in a trainer's words.
    }
  }
  return readYamlCarefully(text, file);
}

/**
 * What the fast parser would not refuse but journey does: an alias (`*name` after a space, a bracket,
 * a comma or a line start) or an explicit key (`? key`, which can be a list or a map). Plain text
 * rarely has either. A block explicit key always takes the careful path; a file that may hold an
 * alias or a flow explicit key is read fast with a watch (fastParserWatch) that sends it the careful
 * way when the parser meets any anchor (an alias needs one) or a key that could be a list, a map or
 * nothing.
 */
const EXPLICIT_BLOCK_KEY = /^[\s-]*\?(\s|$)/m;
const MAYBE_ALIAS_OR_FLOW_KEY = /(^|[\s[{,:-])\*[^\s,\]}]|[{,]\s*\?\s/;

interface FastParserState {
  position: number;
  anchor: string | null;
  anchorMap: Record<string, unknown>;
  kind: string | null;
  result: unknown;
}

/**
 * A listener for js-yaml's parse that notices what only the careful parser may judge: an anchor
 * (the only way to an alias: one without its anchor fails the fast parse), a list or a map followed
 * by `:` (past any comment: it is a key), and an empty node written after a `?` (an empty key, which
 * the two parsers would name differently). Anything it is unsure of counts: the careful parser then
 * decides, as it did for every such file before.
 */
function fastParserWatch(text: string): {
  listener: (event: 'open' | 'close', state: FastParserState) => void;
  suspicious: () => boolean;
} {
  let suspicious = false;
  let last: FastParserState | undefined;
  const opened: number[] = [];
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  /** Whether a `?` comes before `at` with only space between, or on the line a line break skipped. */
  const afterQuestionMark = (at: number) => {
    let i = at - 1;
    let crossedLine = false;
    while (i >= 0 && isSpace(text[i])) {
      if (text[i] === '\n') crossedLine = true;
      i--;
    }
    if (text[i] === '?') return true;
    if (!crossedLine) return false;
    return text.slice(text.lastIndexOf('\n', i) + 1, i + 1).includes('?');
  };
  const listener = (event: 'open' | 'close', state: FastParserState) => {
    if (event === 'open') {
      opened.push(state.position);
      return;
    }
    const start = opened.pop() ?? 0;
    last = state;
    if (state.anchor !== null) suspicious = true;
    if (state.kind === 'mapping' || state.kind === 'sequence') {
      // Past space and comments (after a node, `#` can only start one): a `:` makes it a key.
      let i = state.position;
      while (i < text.length && (isSpace(text[i]) || text[i] === '#')) {
        if (text[i] === '#') {
          const end = text.indexOf('\n', i);
          i = end < 0 ? text.length : end;
        } else i++;
      }
      if (text[i] === ':') suspicious = true;
    }
    if (state.result === null && afterQuestionMark(start)) suspicious = true;
  };
  return {
    listener,
    suspicious: () => suspicious || (last !== undefined && Object.keys(last.anchorMap).length > 0),
  };
}

/** The standard tags of values journey can use; `!!binary`, `!!set`, `!!timestamp` and the like it cannot. */
const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);
const STANDARD_TAG = 'tag:yaml.org,2002:';

function problem(file: string, line: number, col: number, message: string): SourceProblem {
  return { file, line, col, severity: 'error', message };
}

function readYamlCarefully(text: string, file: string): YamlResult {
  const at = (line: number, col: number, message: string) => problem(file, line, col, message);
  const lineCounter = new (yaml().LineCounter)();
  let doc: Document;
  try {
    doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: true, strict: true, prettyErrors: false });
  } catch (error) {
    return { ok: false, problems: [at(1, 1, `could not read YAML: ${(error as Error).message}`)] };
  }
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, col } = yamlErrorPosition(e, text, lineCounter);
    return at(line, col, describeYamlError(e));
  });
  const where = (node: Node | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0);
  yaml().visit(doc, {
    Alias(_key, node) {
      const { line, col } = where(node);
      problems.push(at(line, col, `aliases (*${node.source}) are not allowed: write the value out in full`));
    },
    Node(_key, node) {
      // Custom tags (`!foo`) are already refused as unresolved; these are YAML's own that give no plain value.
      const tag = node.tag;
      if (!tag?.startsWith(STANDARD_TAG) || PLAIN_TAGS.has(tag)) return;
      const name = `!!${tag.slice(STANDARD_TAG.length)}`;
      // The node starts at its value; point at the tag written before it when it is there.
      const start = node.range?.[0] ?? 0;
      const written = text.lastIndexOf(name, start);
      const { line, col } = lineCounter.linePos(
        written >= 0 && !text.slice(written, start).includes('\n') ? written : start,
      );
      problems.push(
        at(
          line,
          col,
          `${name} values cannot be used: write text, a number, true or false, a list or a map, without a tag`,
        ),
      );
    },
    Pair(_key, pair) {
      if (pair.key === null || yaml().isScalar(pair.key) || !yaml().isNode(pair.key)) return;
      const { line, col } = where(pair.key);
      problems.push(at(line, col, 'a key must be plain text, not a list or a map'));
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  const source: YamlSource = { file, text, doc, lineCounter };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 0 }), source };
  } catch (error) {
    return { ok: false, problems: [at(1, 1, `could not read YAML: ${(error as Error).message}`)] };
  }
}

function yamlErrorPosition(
  e: YAMLError,
  text: string,
  lineCounter: LineCounter,
): { line: number; col: number } {
  // An unclosed quote or bracket is reported where the parser gave up (often the end of the file);
  // point at the character that opened it instead.
  const quote = /Missing closing (["'])quote/.exec(e.message)?.[1];
  const bracket = { ']': '[', '}': '{' }[/end with an? ([\]}])/.exec(e.message)?.[1] ?? ''];
  const opener = quote ?? bracket;
  if (opener) {
    const opened = text.lastIndexOf(opener, Math.min(e.pos[0], text.length) - 1);
    if (opened >= 0) return lineCounter.linePos(opened);
  }
  return lineCounter.linePos(e.pos[0]);
}

function describeYamlError(e: YAMLError): string {
  const first = e.message.split('\n')[0] ?? e.message;
  const message = first.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'DUPLICATE_KEY') return 'this key appears twice in the same map: keep one';
  if (e.code === 'TAG_RESOLVE_FAILED') return `${message}: custom tags are not allowed`;
  return `YAML syntax: ${message}`;
}
