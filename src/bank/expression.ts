// What a parsed CEL expression says about a bank: the question ids it reads, the texts it compares
// answers with, and regular expressions JavaScript cannot run. Pure walks over the parser's tree.

export const LIST_FUNCTIONS = ['added', 'removed'];
export const MEASURE_FUNCTIONS = ['behind', 'met'];
const QUESTION_FUNCTIONS = ['changed', 'answered', ...LIST_FUNCTIONS, ...MEASURE_FUNCTIONS];

export interface Reference {
  id: string;
  via: string;
  offset: number;
}

/**
 * Question ids an expression reads: `answers.<id>` and the first argument of our functions (this
 * session), and `previous.<id>` and the second argument of added/removed (earlier sessions).
 */
export function questionReferences(ast: unknown): Reference[] {
  const out: Reference[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const { op, args, pos } = node as { op?: string; args?: unknown; pos?: number };
    if (op === '.' && Array.isArray(args)) {
      const [target, field] = args as [{ op?: string; args?: unknown }, unknown];
      if (
        target?.op === 'id' &&
        (target.args === 'answers' || target.args === 'previous') &&
        typeof field === 'string'
      ) {
        out.push({ id: field, via: target.args, offset: pos ?? 0 });
      }
    }
    if (op === 'call' && Array.isArray(args)) {
      const [name, params] = args as [unknown, unknown];
      const [first, second] = (Array.isArray(params) ? params : []).map(stringLiteral);
      if (typeof name === 'string' && QUESTION_FUNCTIONS.includes(name) && first) {
        out.push({ ...first, via: name });
      }
      if (typeof name === 'string' && LIST_FUNCTIONS.includes(name) && second) {
        out.push({ ...second, via: 'previous' });
      }
    }
    walk(args);
  };
  walk(ast);
  return out;
}

/**
 * Regular expressions run on JavaScript's engine, which refuses some RE2 syntax CEL allows (such as
 * inline flags like (?i)); find that at load time rather than in the middle of a call.
 */
export function unsupportedPattern(ast: unknown): { message: string; offset: number } | undefined {
  let found: { message: string; offset: number } | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if ((op === 'rcall' || op === 'call') && Array.isArray(args) && args[0] === 'matches') {
      const params = (op === 'rcall' ? args[2] : args[1]) as unknown[];
      const pattern = stringLiteral(op === 'rcall' ? params?.[0] : params?.[1]);
      if (pattern) {
        try {
          new RegExp(pattern.id, 'u');
        } catch {
          const hint = pattern.id.startsWith('(?i)')
            ? ': for case-insensitive matching write x.lowerAscii().matches("…")'
            : '';
          found = {
            message: `regular expression "${pattern.id}" is not supported${hint}`,
            offset: pattern.offset,
          };
        }
      }
    }
    walk(args);
  };
  walk(ast);
  return found;
}

/** An answer compared with a text: `answers.q == "x"`, `"x" == answers.q` or `"x" in answers.q`. */
export interface ChoiceTest {
  question: string;
  value: string;
  offset: number;
}

function answerField(node: unknown): string | undefined {
  const n = node as { op?: string; args?: unknown } | undefined;
  if (n?.op !== '.' || !Array.isArray(n.args)) return undefined;
  const [target, field] = n.args as [{ op?: string; args?: unknown }, unknown];
  return target?.op === 'id' && target.args === 'answers' && typeof field === 'string' ? field : undefined;
}

export function choiceTests(ast: unknown): ChoiceTest[] {
  const out: ChoiceTest[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const { op, args } = node as { op?: string; args?: unknown };
    if ((op === '==' || op === '!=' || op === 'in') && Array.isArray(args)) {
      const [left, right] = args;
      const pairs: [unknown, unknown][] =
        op === 'in'
          ? [[left, right]]
          : [
              [left, right],
              [right, left],
            ];
      for (const [literal, field] of pairs) {
        const value = stringLiteral(literal);
        const question = answerField(field);
        if (value && question) out.push({ question, value: value.id, offset: value.offset });
      }
    }
    walk(args);
  };
  walk(ast);
  return out;
}

function stringLiteral(node: unknown): { id: string; offset: number } | undefined {
  const n = node as { op?: string; args?: unknown; pos?: number } | undefined;
  return n?.op === 'value' && typeof n.args === 'string' ? { id: n.args, offset: n.pos ?? 0 } : undefined;
}
