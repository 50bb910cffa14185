// The interview's menu: answers to pick with ↑↓ and Enter, commands in their own groups (Save, Back
// and Help at the top), each command on a single key, and, for a scale, the number typed as the
// value ("9" then Enter is 9, "10" is 10; the digits never pick a list position). Built on
// @inquirer/core, the engine of every inquirer prompt; only ui/prompts.ts uses it.
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

export interface MenuChoice<V> {
  name: string;
  value: V;
  /** A single key that picks it at once. */
  key?: string | undefined;
  /** What the done line shows after the question when this is picked ('' shows nothing). */
  short?: string | undefined;
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
  pageSize?: number | undefined;
}

const isChoice = <V>(item: MenuChoice<V> | Separator): item is MenuChoice<V> => !Separator.isSeparator(item);

export const menu = createPrompt(<V>(config: MenuConfig<V>, done: (value: V) => void): string => {
  const { choices, scale } = config;
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const prefix = usePrefix({ status, theme });
  const initial = (() => {
    const byDefault =
      config.default === undefined ? -1 : choices.findIndex((c) => isChoice(c) && c.value === config.default);
    if (byDefault >= 0) return byDefault;
    if (config.start !== undefined) return config.start;
    return choices.findIndex(isChoice);
  })();
  const [active, setActive] = useState(initial);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState('');

  const finish = (choice: MenuChoice<V> | undefined, value: V) => {
    setShown(choice?.short ?? choice?.name ?? '');
    setStatus('done');
    done(value);
  };
  const move = (offset: number) => {
    if (active < 0) {
      // From nowhere (a scale before a number): to the first answer, or the last going up.
      const answers = choices.flatMap((c, i) => (isChoice(c) && c.key === undefined ? [i] : []));
      const to = offset > 0 ? answers[0] : answers.at(-1);
      if (to !== undefined) setActive(to);
      return;
    }
    let next = active;
    for (let i = 0; i < choices.length; i++) {
      next = next < 0 ? (offset > 0 ? 0 : choices.length - 1) : next + offset;
      if (next < 0 || next >= choices.length) return;
      if (isChoice(choices[next] as MenuChoice<V> | Separator)) break;
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
      const answers = choices.flatMap((c, i) => (isChoice(c) && c.key === undefined ? [i] : []));
      const index = answers[Number(ch) - 1];
      if (index !== undefined) setActive(index);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done')
    return [prefix, message, shown ? theme.style.answer(shown) : ''].filter(Boolean).join(' ');
  const page = usePagination({
    items: choices as (MenuChoice<V> | Separator)[],
    active: Math.max(active, 0),
    renderItem({ item, index }) {
      if (!isChoice(item)) return ` ${item.separator}`;
      const key = item.key ? theme.style.help(`(${item.key}) `) : '';
      const label = `${key}${item.name}`;
      return index === active ? theme.style.highlight(`❯ ${label}`) : `  ${label}`;
    },
    pageSize: config.pageSize ?? 15,
    loop: false,
  });
  const hint = scale
    ? `type ${scale.min}–${scale.max} or ↑↓, then Enter; a key in brackets acts at once`
    : '↑↓ then Enter; a key in brackets acts at once';
  const head = [prefix, message, typed].filter(Boolean).join(' ');
  const lines = [head, page, error ? theme.style.error(error) : theme.style.help(hint)];
  return `${lines.join('\n')}\u001b[?25l`;
});

/** useKeypress, handing the handler the readline's current line (what was typed since the last clear). */
function useKeypressHandler(handler: (key: KeypressEvent, line: string) => void): void {
  useKeypress((key, rl) => {
    const line = rl.line;
    rl.clearLine(0);
    handler(key, line);
  });
}
