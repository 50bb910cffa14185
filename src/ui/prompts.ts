// The prompt adapter: the only importer of @inquirer/prompts. Maps each question type to a prompt,
// slash commands and menu entries to replies, and Ctrl-C (ExitPromptError) to a cancel reply.
// Inquirer prints what it is given: every message, default and choice made from bank text or an
// answer goes through safeText first, and what the rep types is echoed through it too.
import { checkbox, confirm, editor, input, Separator, select } from '@inquirer/prompts';
import { Cancelled } from '../errors.js';
import type { AskContext, Prompts, Reply, RunnerMessage } from '../journey/port.js';
import {
  type AnswerValue,
  checkAnswer,
  formatAnswer,
  type MeasureValue,
  readNumber,
} from '../model/answer.js';
import type { Loop } from '../model/loop.js';
import { type Question, scaleRange } from '../model/question.js';
import type { Flag } from '../model/session.js';
import { readSlashCommand } from './commands.js';
import { oneLine, renderMessage, renderQuestionHeader, renderSlashHelp, style } from './render.js';
import { safeText } from './safe-text.js';

type Menu =
  | { command: 'skip' | 'back' | 'note' | 'flag' | 'why' | 'save' }
  | { answer: AnswerValue }
  | { other: true };

const isCancel = (error: unknown): boolean => error instanceof Error && error.name === 'ExitPromptError';

export function terminalPrompts(loop: Loop, write: (text: string) => void): Prompts {
  // Items typed into a list question survive a /why or /note in the middle of it.
  const drafts = new Map<string, string[]>();
  let shownHelp = false;

  const show = (message: RunnerMessage): void => write(renderMessage(message));

  const decideFlag = async (flag: Flag): Promise<'now' | 'defer' | 'cancel'> => {
    try {
      return await select<'now' | 'defer'>({
        message: 'Re-evaluate the problem now?',
        choices: [
          {
            name: `Now: ask ${flag.revisit.length} Knowledge-loop question(s) again (${flag.revisit.map((id) => safeText(id)).join(', ') || 'none named'})`,
            value: 'now',
            disabled: flag.revisit.length === 0 ? 'no questions to revisit' : false,
          },
          { name: 'Later: keep the flag open (it shows in journey prep and journey flags)', value: 'defer' },
        ],
        default: flag.revisit.length === 0 ? 'defer' : 'now',
      });
    } catch (error) {
      if (isCancel(error)) return 'cancel';
      throw error;
    }
  };

  const ask = async (q: Question, context: AskContext): Promise<Reply> => {
    write(renderQuestionHeader(loop, context.position, context.total, q, context.revisiting));
    if (!shownHelp) {
      write(style.dim('  Type /why for coaching, /help for commands.'));
      shownHelp = true;
    }
    try {
      for (;;) {
        const reply = await askOnce(q, context, drafts, write);
        if (reply !== 'help') return reply;
        write(renderSlashHelp());
      }
    } catch (error) {
      if (isCancel(error)) return { kind: 'cancel' };
      throw error;
    }
  };
  const tickCues = async (q: Question): Promise<string[] | 'cancel'> => {
    try {
      return await checkbox<string>({
        message: `Heard any of these? ${style.dim('(space to tick, enter to go on)')}`,
        choices: q.cues.map((c) => ({ name: oneLine(c.text), value: c.id })),
        pageSize: 10,
        loop: false,
      });
    } catch (error) {
      if (isCancel(error)) return 'cancel';
      throw error;
    }
  };

  const judgeShift = async (
    q: Question,
    before: AnswerValue,
    after: AnswerValue,
  ): Promise<'reworded' | 'moved' | 'cancel'> => {
    write(style.dim(`  Last time: ${oneLine(formatAnswer(q, before))}`));
    write(style.dim(`  Now:       ${oneLine(formatAnswer(q, after))}`));
    try {
      return await select<'reworded' | 'moved'>({
        message: 'You were on the call: is this the same problem?',
        choices: [
          { name: 'Same problem, reworded', value: 'reworded' },
          { name: 'The problem has moved (raise a loop-back)', value: 'moved' },
        ],
      });
    } catch (error) {
      if (isCancel(error)) return 'cancel';
      throw error;
    }
  };
  return { ask, show, decideFlag, tickCues, judgeShift };
}

async function askOnce(
  q: Question,
  context: AskContext,
  drafts: Map<string, string[]>,
  write: (text: string) => void,
): Promise<Reply | 'help'> {
  switch (q.type) {
    case 'text':
    case 'number':
    case 'date':
      return askTyped(q, context);
    case 'long':
      return askLong(q, context);
    case 'list':
      return askList(q, context, drafts, write);
    case 'multi':
      return askMulti(q, context);
    case 'measure':
      return askMeasure(q, context);
    default:
      return askMenu(q, context);
  }
}

function commandReply(text: string): Promise<Reply | 'help'> | Reply | 'help' | undefined {
  const command = readSlashCommand(text);
  if (!command) return undefined;
  if (command.kind === 'help') return 'help';
  if (command.kind === 'note' && command.text === '') return askNoteText('note');
  if (command.kind === 'flag' && command.text === '') return askNoteText('flag');
  return command;
}

function validateTyped(q: Question) {
  return (text: string): true | string => {
    const command = readSlashCommand(text);
    if (command === null) return 'Unknown command: type /help to see them all.';
    if (command) return true;
    const check = checkAnswer(q, text);
    return check.ok ? true : safeText(check.reason);
  };
}

/** A question (or anything else from a bank) as a prompt's message: one line, safe. */
const askText = (q: Question): string => oneLine(q.ask);

/** What the rep types, echoed safely: a pasted escape sequence shows as ␛[…, it is not run. */
const echo = (value: string, { isFinal }: { isFinal: boolean }): string =>
  isFinal ? style.answer(safeText(value)) : safeText(value);

/**
 * A default shown in a prompt is the safe form of the earlier answer; taken back as it is (the rep
 * pressed Enter), it stands for the earlier answer itself, which is kept unchanged.
 */
function earlierAnswer(raw: string | undefined, multiline = false) {
  const shown = raw === undefined ? undefined : safeText(raw, { multiline });
  const same = (a: string, b: string) => a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();
  return {
    shown,
    taken: (text: string): string =>
      raw !== undefined && shown !== undefined && same(text, shown) ? raw : text,
  };
}

async function askTyped(q: Question, context: AskContext): Promise<Reply | 'help'> {
  const placeholder = q.type === 'date' ? 'YYYY-MM-DD' : q.unit && safeText(q.unit);
  const earlier = earlierAnswer(
    context.previous === undefined ? undefined : formatAnswer(q, context.previous),
  );
  const validate = validateTyped(q);
  const text = earlier.taken(
    await input({
      message: placeholder ? `${askText(q)} ${style.dim(`(${placeholder})`)}` : askText(q),
      default: earlier.shown,
      validate: (value) => validate(earlier.taken(value)),
      transformer: echo,
    }),
  );
  const command = commandReply(text);
  if (command) return command;
  const check = checkAnswer(q, text);
  return check.ok ? { kind: 'answer', value: check.value } : { kind: 'skip' };
}

async function askLong(q: Question, context: AskContext): Promise<Reply | 'help'> {
  const earlier = earlierAnswer(typeof context.previous === 'string' ? context.previous : undefined, true);
  const validate = validateTyped(q);
  const text = earlier.taken(
    await editor({
      message: `${askText(q)} ${style.dim('(opens your editor; write /skip, /back, /why or /save alone to use a command)')}`,
      default: earlier.shown,
      validate: (value) => validate(earlier.taken(value)),
    }),
  );
  const command = commandReply(text);
  if (command) return command;
  const check = checkAnswer(q, text);
  return check.ok ? { kind: 'answer', value: check.value } : { kind: 'skip' };
}

/**
 * One item at a time. A list asked again starts from the answer already given (Enter keeps it;
 * `-item` takes one out), so re-asking never empties it by accident.
 */
async function askList(
  q: Question,
  context: AskContext,
  drafts: Map<string, string[]>,
  write: (text: string) => void,
): Promise<Reply | 'help'> {
  const earlier = Array.isArray(context.previous) ? context.previous : [];
  const items = drafts.get(q.id) ?? [...earlier];
  drafts.set(q.id, items);
  if (items.length > 0)
    write(style.dim(`  So far: ${items.map(oneLine).join(', ')} (Enter keeps them; -item removes one)`));
  for (;;) {
    const text = await input({
      message:
        items.length === 0
          ? `${askText(q)} ${style.dim('(one at a time; empty line to finish)')}`
          : `  item ${items.length + 1}:`,
      validate: (value) =>
        readSlashCommand(value) === null ? 'Unknown command: type /help to see them all.' : true,
      transformer: echo,
    });
    const command = commandReply(text);
    if (command) return command;
    const item = text.trim();
    if (item.startsWith('-') && item.length > 1) {
      const gone = items.findIndex((i) => i.toLowerCase() === item.slice(1).trim().toLowerCase());
      if (gone >= 0) items.splice(gone, 1);
      else write(style.warn(`  "${oneLine(item.slice(1).trim())}" is not in the list.`));
      continue;
    }
    if (item !== '') {
      items.push(item);
      continue;
    }
    drafts.delete(q.id);
    if (items.length === 0) return q.required ? { kind: 'skip' } : { kind: 'answer', value: [] };
    return { kind: 'answer', value: items };
  }
}

const COMMAND_ENTRIES: { name: string; value: Menu }[] = [
  { name: 'Skip this question', value: { command: 'skip' } },
  { name: 'Back to the previous question', value: { command: 'back' } },
  { name: 'Add a note', value: { command: 'note' } },
  { name: 'Raise a loop-back flag', value: { command: 'flag' } },
  { name: 'Why ask this?', value: { command: 'why' } },
  { name: 'Save and quit', value: { command: 'save' } },
];

function menuAnswers(q: Question): { name: string; value: Menu }[] {
  switch (q.type) {
    case 'confirm':
      return [
        { name: 'Yes', value: { answer: true } },
        { name: 'No', value: { answer: false } },
      ];
    case 'scale': {
      const { min, max } = scaleRange(q);
      return Array.from({ length: max - min + 1 }, (_, i) => {
        const n = min + i;
        const label = n === min ? q.labels.min : n === max ? q.labels.max : undefined;
        return { name: label ? `${n} · ${oneLine(label)}` : String(n), value: { answer: n } };
      });
    }
    default: {
      const choices = q.choices.map((c) => ({ name: oneLine(c.label), value: { answer: c.id } as Menu }));
      return q.other ? [...choices, { name: 'Something else…', value: { other: true } }] : choices;
    }
  }
}

async function askMenu(q: Question, context: AskContext): Promise<Reply | 'help'> {
  const entries = menuAnswers(q);
  const previous = entries.find((e) => 'answer' in e.value && e.value.answer === context.previous);
  const picked = await select<Menu>({
    message: askText(q),
    choices: [...entries, new Separator(), ...COMMAND_ENTRIES],
    default: previous?.value,
    pageSize: Math.min(entries.length + 6, 15),
    loop: false,
  });
  return menuReply(q, picked);
}

async function menuReply(q: Question, picked: Menu): Promise<Reply> {
  if ('answer' in picked) return { kind: 'answer', value: picked.answer };
  if ('other' in picked) return { kind: 'answer', value: await askOther(q) };
  if (picked.command === 'note' || picked.command === 'flag') return askNoteText(picked.command);
  return { kind: picked.command };
}

async function askMulti(q: Question, context: AskContext): Promise<Reply | 'help'> {
  const chosen = Array.isArray(context.previous) ? context.previous : [];
  const picked = await checkbox<Menu>({
    message: `${askText(q)} ${style.dim('(space to pick, enter when done; pick nothing for more options)')}`,
    choices: menuAnswers(q).map((e) => ({
      ...e,
      checked: 'answer' in e.value && chosen.includes(String(e.value.answer)),
    })),
    pageSize: 15,
    loop: false,
  });
  if (picked.length > 0) {
    const ids = picked.flatMap((p) => ('answer' in p ? [String(p.answer)] : []));
    if (picked.some((p) => 'other' in p)) ids.push(await askOther(q));
    return { kind: 'answer', value: ids };
  }
  const next = await select<Menu | { none: true } | { again: true }>({
    message: 'Nothing picked. What now?',
    choices: [
      { name: 'Pick again', value: { again: true } },
      ...(q.required ? [] : [{ name: 'Record "none of these"', value: { none: true } as const }]),
      ...COMMAND_ENTRIES,
    ],
  });
  if ('again' in next) return askMulti(q, context);
  if ('none' in next) return { kind: 'answer', value: [] };
  return menuReply(q, next);
}

/**
 * A measure: the first time, which way is better and its baseline and target (unless already
 * known); every time, the actual value.
 */
async function askMeasure(q: Question, context: AskContext): Promise<Reply | 'help'> {
  const known = context.measure ?? {};
  const value: MeasureValue = {};
  if (!known.direction) {
    value.direction = await select<'higher' | 'lower'>({
      message: `${askText(q)} ${style.dim('(first time: which way is better?)')}`,
      choices: [
        { name: 'Higher is better', value: 'higher' },
        { name: 'Lower is better', value: 'lower' },
      ],
    });
  }
  type Step = ['baseline' | 'target' | 'actual', string];
  const steps: Step[] = [];
  if (known.baseline === undefined) steps.push(['baseline', `${askText(q)} Baseline, before they started`]);
  if (known.target === undefined) steps.push(['target', 'Agreed target']);
  steps.push([
    'actual',
    known.baseline === undefined ? 'Where is it today' : `${askText(q)} ${style.dim(measureHint(known))}`,
  ]);
  for (const [key, message] of steps) {
    const text = await input({
      message: `  ${message}${q.unit ? ` (${safeText(q.unit)})` : ''}:`,
      validate: validateTyped({ ...q, type: 'number' }),
      transformer: echo,
    });
    const command = commandReply(text);
    if (command) return command;
    const n = readNumber(text, q.unit);
    if (n !== undefined) value[key] = n;
  }
  return { kind: 'answer', value };
}

function measureHint(known: MeasureValue): string {
  return `(baseline ${known.baseline}, target ${known.target ?? '?'}${known.direction ? `, ${known.direction} is better` : ''})`;
}

async function askOther(q: Question): Promise<string> {
  const text = await input({
    message: '  In their words:',
    validate: (value) => {
      const check = checkAnswer({ ...q, type: 'text' }, value);
      return check.ok ? true : safeText(check.reason);
    },
    transformer: echo,
  });
  return text.trim();
}

async function askNoteText(kind: 'note' | 'flag'): Promise<Reply> {
  const text = await input({
    message: kind === 'note' ? '  Note:' : '  What changes the problem?',
    validate: (value) => (value.trim() === '' ? 'Type it, or press Ctrl-C to stop.' : true),
    transformer: echo,
  });
  return { kind, text: text.trim() };
}

/** Ctrl-C in a question asked outside an interview: nothing was recorded yet, so just stop. */
async function orCancelled<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (isCancel(error)) throw new Cancelled('Cancelled: nothing was recorded.');
    throw error;
  }
}

/** One of several named things (a deal of an account), chosen on the terminal. */
export function pickOne<T>(message: string, choices: readonly { name: string; value: T }[]): Promise<T> {
  return orCancelled(() =>
    select<T>({
      message: safeText(message),
      choices: choices.map((c) => ({ name: safeText(c.name), value: c.value })),
    }),
  );
}

/** A yes or no asked on the terminal (Enter: the default). */
export function confirmOnTerminal(message: string, initial: boolean): Promise<boolean> {
  return orCancelled(() => confirm({ message: safeText(message), default: initial }));
}

/** One line typed on the terminal, with a default Enter keeps; never empty. */
export function askLine(message: string, initial: string): Promise<string> {
  return orCancelled(async () =>
    (
      await input({
        message: safeText(message),
        default: safeText(initial),
        validate: (value) => (value.trim() === '' ? 'Type a name, or press Ctrl-C to stop.' : true),
        transformer: echo,
      })
    ).trim(),
  );
}
