// The interview's menu: answers to pick with ↑↓ and Enter, commands in their own groups (Save, Back
// and Help at the top), each command on a single key, and, for a scale, the number typed as the
// value ("9" then Enter is 9, "10" is 10; the digits never pick a list position). Built on
// @inquirer/core, the engine of every inquirer prompt; only ui/prompts.ts uses it.
//
// The menu fits the terminal (process.stdout.rows): the question stays on screen. When the whole
// list does not fit, the entries on keys fold into one line of keys above the answers and one below,
// and the answers scroll under the question.
import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  type KeypressEvent,
  makeTheme,
  Separator,
  useKeypress,
  usePagination,
  usePrefix,
  useState,
} from '@inquirer/core';
import stringWidth from 'string-width';

export interface MenuChoice<V> {
  name: string;
  value: V;
  /** A single key that picks it at once. */
  key?: string | undefined;
  /** What the done line shows after the question when this is picked ('' shows nothing). */
  short?: string | undefined;
  /** Its word on the line of keys of a menu too tall for the terminal ("save"); else its first word. */
  label?: string | undefined;
}

export interface MenuConfig<V> {
  message: string;
  choices: readonly (MenuChoice<V> | Separator)[];
  /** The value the cursor starts on; without it, the first entry of `start`. */
  default?: V | undefined;
  /** Where the cursor starts without a default: an answer (index into choices), or nowhere (-1). */
  start?: number | undefined;
  /** A scale: digits typed are the value, from min to max; `valueOf` is the choice's value for n. */
  scale?: { min: number; max: number; valueOf: (n: number) => V | undefined } | undefined;
  /** Enter with nothing picked: this value (an optional question skips), else a hint. */
  none?: V | undefined;
  /** At most this many lines of entries; the terminal's height bounds it too. */
  pageSize?: number | undefined;
}

/** The context inquirer prompts take (its signal, its streams). */
interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  clearPromptOnDone?: boolean;
  signal?: AbortSignal;
}

const isChoice = <V>(item: MenuChoice<V> | Separator): item is MenuChoice<V> => !Separator.isSeparator(item);

/** How many lines `text` takes on a terminal `columns` wide (words wrapped, long words broken). */
export function linesOf(text: string, columns: number): number {
  return text.split('\n').reduce((total, line) => {
    let lines = 1;
    let used = 0;
    for (const word of line.split(/(?<= )/)) {
      const width = stringWidth(word);
      if (used + stringWidth(word.trimEnd()) <= columns) used += width;
      else if (width <= columns) {
        lines += 1;
        used = width;
      } else {
        lines += Math.ceil((used + width) / columns) - 1;
        used = (used + width) % columns;
      }
    }
    return total + lines;
  }, 0);
}

/** The menu itself; `quiet` is set when it ends with nothing to show after the question. */
const menuView = createPrompt(
  <V>(config: MenuConfig<V> & { quiet: { done: boolean } }, done: (value: V) => void): string => {
    const { choices, scale } = config;
    const theme = makeTheme({});
    const [status, setStatus] = useState<'idle' | 'done'>('idle');
    const prefix = usePrefix({ status, theme });
    const initial = (() => {
      const byDefault =
        config.default === undefined
          ? -1
          : choices.findIndex((c) => isChoice(c) && c.value === config.default);
      if (byDefault >= 0) return byDefault;
      if (config.start !== undefined) return config.start;
      return choices.findIndex(isChoice);
    })();
    const [active, setActive] = useState(initial);
    const [typed, setTyped] = useState('');
    const [error, setError] = useState<string | undefined>(undefined);
    const [shown, setShown] = useState('');

    const finish = (choice: MenuChoice<V> | undefined, value: V) => {
      const line = choice?.short ?? choice?.name ?? '';
      // A command that shows nothing (Back, Help, Why, a note…) leaves no `✔ <question>` line.
      if (line === '') config.quiet.done = true;
      setShown(line);
      setStatus('done');
      done(value);
    };
    // The terminal's size, read at every render (a resized window is followed).
    const rows = process.stdout.rows;
    const columns = process.stdout.columns || 80;
    const message = theme.style.message(config.message, status);
    const hint = scale
      ? `type ${scale.min}–${scale.max} or ↑↓, then Enter; a key in brackets acts at once`
      : '↑↓ then Enter; a key in brackets acts at once';
    const head = [prefix, message, typed].filter(Boolean).join(' ');
    const label = (item: MenuChoice<V>) => `${item.key ? `(${item.key}) ` : ''}${item.name}`;
    const itemLines = (item: MenuChoice<V> | Separator) =>
      isChoice(item) ? linesOf(`  ${label(item)}`, columns) : 1;
    const room = rows ? rows - 1 - linesOf(head, columns) - linesOf(hint, columns) : Number.POSITIVE_INFINITY;
    const fullHeight = choices.reduce((sum, item) => sum + itemLines(item), 0);
    // Too tall for the terminal: the keyed entries fold into a line of keys above and below the answers.
    const compact = fullHeight > Math.min(room, config.pageSize ?? Number.POSITIVE_INFINITY);
    const firstAnswer = choices.findIndex((c) => isChoice(c) && c.key === undefined);
    const keysLine = (items: readonly (MenuChoice<V> | Separator)[]) =>
      items
        .filter((c): c is MenuChoice<V> => isChoice(c) && c.key !== undefined)
        .map((c) => `(${c.key}) ${c.label ?? c.name.split(' ')[0]?.toLowerCase()}`)
        .join(' · ');
    const keysAbove = compact ? keysLine(choices.slice(0, Math.max(firstAnswer, 0))) : '';
    const keysBelow = compact ? keysLine(choices.slice(Math.max(firstAnswer, 0))) : '';
    const answers = choices.flatMap((c, i) => (isChoice(c) && c.key === undefined ? [i] : []));
    const pageSize = Math.max(
      1,
      compact
        ? Math.min(
            room -
              (keysAbove ? linesOf(`  ${keysAbove}`, columns) : 0) -
              (keysBelow ? linesOf(`  ${keysBelow}`, columns) : 0),
            config.pageSize ?? Number.POSITIVE_INFINITY,
            answers.reduce((sum, i) => sum + itemLines(choices[i] as MenuChoice<V>), 0),
          )
        : fullHeight,
    );

    const move = (offset: number) => {
      if (active < 0) {
        // From nowhere (a scale before a number): to the first answer, or the last going up.
        const to = offset > 0 ? answers[0] : answers.at(-1);
        if (to !== undefined) setActive(to);
        return;
      }
      let next = active;
      for (let i = 0; i < choices.length; i++) {
        next = next < 0 ? (offset > 0 ? 0 : choices.length - 1) : next + offset;
        if (next < 0 || next >= choices.length) return;
        const item = choices[next] as MenuChoice<V> | Separator;
        // Folded into the line of keys, a keyed entry is reached by its key, not by ↑↓.
        if (isChoice(item) && !(compact && item.key !== undefined)) break;
      }
      if (next >= 0 && next < choices.length) setActive(next);
    };
    const scaleIndex = (n: number) => {
      const value = scale?.valueOf(n);
      return value === undefined ? -1 : choices.findIndex((c) => isChoice(c) && c.value === value);
    };

    useKeypressHandler((key, line) => {
      if (status === 'done') return;
      setError(undefined);
      if (isEnterKey(key)) {
        if (scale && typed !== '') {
          const n = Number(typed);
          if (!/^-?\d+$/.test(typed) || n < scale.min || n > scale.max) {
            setError(`Type a whole number from ${scale.min} to ${scale.max}.`);
            return;
          }
          const choice = choices[scaleIndex(n)];
          if (choice && isChoice(choice)) finish(choice, choice.value);
          else setError(`Type a whole number from ${scale.min} to ${scale.max}.`);
          return;
        }
        const choice = choices[active];
        if (choice && isChoice(choice)) return finish(choice, choice.value);
        if (config.none !== undefined)
          return finish({ name: '', short: 'skipped', value: config.none }, config.none);
        setError(
          scale
            ? `Type a number from ${scale.min} to ${scale.max}, or pick one with ↑↓.`
            : 'Pick one with ↑↓, then Enter.',
        );
        return;
      }
      if (isUpKey(key) || isDownKey(key)) {
        setTyped('');
        move(isUpKey(key) ? -1 : 1);
        return;
      }
      if (isBackspaceKey(key)) {
        const rest = typed.slice(0, -1);
        setTyped(rest);
        if (scale && /^-?\d+$/.test(rest)) {
          const index = scaleIndex(Number(rest));
          if (index >= 0) setActive(index);
        }
        return;
      }
      // The character typed: readline has just added it to its line.
      const ch = line.slice(-1);
      if (scale && (/^\d$/.test(ch) || (ch === '-' && typed === '' && scale.min < 0))) {
        const next = `${typed}${ch}`;
        setTyped(next);
        const index = /^-?\d+$/.test(next) ? scaleIndex(Number(next)) : -1;
        if (index >= 0) setActive(index);
        return;
      }
      const shortcut = choices.find(
        (c): c is MenuChoice<V> => isChoice(c) && c.key !== undefined && c.key === ch,
      );
      if (shortcut) return finish(shortcut, shortcut.value);
      if (!scale && /^\d$/.test(ch)) {
        // Not a scale: a digit moves to that answer (1 is the first), Enter picks it.
        const index = answers[Number(ch) - 1];
        if (index !== undefined) setActive(index);
      }
    });

    if (status === 'done') {
      if (!shown) return '';
      return [prefix, message, theme.style.answer(shown)].join(' ');
    }
    const paged = compact ? answers.map((i) => choices[i] as MenuChoice<V>) : [...choices];
    const page = usePagination({
      items: paged,
      active: Math.max(paged.indexOf(choices[active] as MenuChoice<V> | Separator), 0),
      renderItem({ item }) {
        if (!isChoice(item)) return ` ${item.separator}`;
        const key = item.key ? theme.style.help(`(${item.key}) `) : '';
        const text = `${key}${item.name}`;
        return item === choices[active] ? theme.style.highlight(`❯ ${text}`) : `  ${text}`;
      },
      pageSize,
      loop: false,
    });
    const lines = [
      head,
      ...(keysAbove ? [theme.style.help(`  ${keysAbove}`)] : []),
      page,
      ...(keysBelow ? [theme.style.help(`  ${keysBelow}`)] : []),
      error ? theme.style.error(error) : theme.style.help(hint),
    ];
    return `${lines.join('\n')}\u001b[?25l`;
  },
);

/** The menu: picks one entry and resolves with its value. */
export function menu<V>(config: MenuConfig<V>, context: PromptContext = {}): Promise<V> {
  const quiet = { done: false };
  return menuView<V>(
    { ...config, quiet },
    {
      ...context,
      // Read by inquirer as the prompt ends: a menu left on a command that shows nothing is wiped.
      get clearPromptOnDone() {
        return quiet.done || Boolean(context.clearPromptOnDone);
      },
    },
  );
}

/** useKeypress, handing the handler the readline's current line (what was typed since the last clear). */
function useKeypressHandler(handler: (key: KeypressEvent, line: string) => void): void {
  useKeypress((key, rl) => {
    const line = rl.line;
    rl.clearLine(0);
    handler(key, line);
  });
}
