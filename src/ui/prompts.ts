// The prompt adapter: the only importer of @inquirer/prompts. Maps each question type to a prompt,
// slash commands and menu entries to replies, Ctrl-C (ExitPromptError) to a cancel reply and Ctrl-D
// to /save. Inquirer prints what it is given: every message, default and choice made from bank text
// or an answer goes through safeText first, and what the rep types is echoed through it too.
//
// Keys everywhere in an interview: a slash command works in every prompt, the second prompts too
// ("Something else…", a note's text, list items, measure steps); Esc or an empty line in a second
// prompt goes back to the question; Ctrl-D saves and quits like /save. Menus have single-key commands.
import { checkbox, confirm, input, Separator, select } from '@inquirer/prompts';
import { Cancelled } from '../errors.js';
import type { AskContext, Prompts, Reply, RunnerMessage } from '../journey/port.js';
import {
  type AnswerValue,
  checkAnswer,
  formatAnswer,
  type MeasureValue,
  readNumber,
} from '../model/answer.js';
import { type DateReading, daysFrom, describeDate, readDate, readDateNow } from '../model/date-words.js';
import type { Loop } from '../model/loop.js';
import { type Question, scaleRange } from '../model/question.js';
import type { Flag } from '../model/session.js';
import { readSlashCommand, type SlashCommand } from './commands.js';
import {
  answerFromEditor,
  chooseEditor,
  type EditorChoice,
  type EditorResult,
  editInEditor,
  editorText,
} from './editor.js';
import { type MenuChoice, menu } from './menu-prompt.js';
import { oneLine, renderMessage, renderQuestionHeader, renderSlashHelp, shortAsk, style } from './render.js';
import { safeText } from './safe-text.js';

type Menu =
  | { command: 'skip' | 'back' | 'note' | 'flag' | 'why' | 'save' | 'help' | 'discard' }
  | { answer: AnswerValue }
  | { other: true };

const isCancel = (error: unknown): boolean => error instanceof Error && error.name === 'ExitPromptError';

/** Ctrl-D: save and quit, as /save does. */
class EndOfInput extends Error {}
/** Esc, or an empty line, in a second prompt: ask the question again. */
class BackToQuestion extends Error {}

const UNKNOWN_COMMAND = 'Unknown command: type /help to see them all.';

export interface TerminalOptions {
  /** `editor:` of config.yaml, ahead of $VISUAL and $EDITOR. */
  editor?: string | undefined;
  /** Today as YYYY-MM-DD, for dates typed in words; the local calendar day by default. */
  today?: (() => string) | undefined;
  /** How the editor is run (tests give their own). */
  edit?: ((choice: EditorChoice, initial: string) => Promise<EditorResult>) | undefined;
}

interface Env {
  write: (text: string) => void;
  drafts: Map<string, string[]>;
  today: () => string;
  editor: () => EditorChoice;
  edit: (choice: EditorChoice, initial: string) => Promise<EditorResult>;
  /**
   * Where a question's menu reopens after a second prompt was left (Esc in "Something else…", a
   * note typed there): the cursor on the entry picked, the boxes ticked. Kept for that question only.
   */
  resume: { question: string; cursor?: number; ticked?: number[] } | undefined;
}

const localToday = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * What a prompt is run with: its abort signal, and whether its last render is wiped when it ends.
 * Inquirer reads `clearPromptOnDone` as the prompt ends, so a transformer can set it on the final
 * render: a command (/why, /back, an empty note…) leaves no `✔ <question>` line with no answer.
 */
interface PromptContext {
  signal: AbortSignal;
  clearPromptOnDone: boolean;
}

/**
 * Runs one inquirer prompt, watching the keys it does not handle itself: Ctrl-D (save and quit) and,
 * in a second prompt, Esc (back to the question). Either aborts the prompt through its signal.
 */
async function guarded<T>(
  run: (context: PromptContext) => Promise<T>,
  { escape: escapable = false }: { escape?: boolean } = {},
): Promise<T> {
  const controller = new AbortController();
  const onKey = (_: unknown, key?: { name?: string; ctrl?: boolean }) => {
    if (key?.ctrl && key.name === 'd') controller.abort('eof');
    else if (escapable && key?.name === 'escape') controller.abort('escape');
  };
  process.stdin.on('keypress', onKey);
  try {
    return await run({ signal: controller.signal, clearPromptOnDone: false });
  } catch (error) {
    if (controller.signal.aborted)
      throw controller.signal.reason === 'eof' ? new EndOfInput() : new BackToQuestion();
    throw error;
  } finally {
    process.stdin.off('keypress', onKey);
  }
}

export function terminalPrompts(
  loop: Loop,
  write: (text: string) => void,
  options: TerminalOptions = {},
): Prompts {
  let shownHelp = false;
  const env: Env = {
    write,
    // Items typed into a list question survive a /why or /note in the middle of it.
    drafts: new Map(),
    today: options.today ?? localToday,
    editor: () => chooseEditor(options.editor),
    edit: options.edit ?? editInEditor,
    resume: undefined,
  };

  const show = (message: RunnerMessage): void => write(renderMessage(message));

  /** A prompt outside the questions (a flag, a shift): Ctrl-C and Ctrl-D cancel, saving what is given. */
  const orCancel = async <T>(ask: () => Promise<T>): Promise<T | 'cancel'> => {
    try {
      return await ask();
    } catch (error) {
      if (isCancel(error) || error instanceof EndOfInput) return 'cancel';
      throw error;
    }
  };

  const decideFlag = (
    flag: Flag,
    asks: Readonly<Record<string, string>> = {},
  ): Promise<'now' | 'defer' | 'cancel'> =>
    orCancel(() =>
      guarded((context) =>
        select<'now' | 'defer'>(
          {
            message: 'Re-evaluate the problem now?',
            choices: [
              {
                name: `Now: ask ${flag.revisit.length} Knowledge-loop question(s) again (${flag.revisit.map((id) => (asks[id] ? shortAsk(asks[id]) : safeText(id))).join('; ') || 'none named'})`,
                value: 'now',
                disabled: flag.revisit.length === 0 ? 'no questions to revisit' : false,
              },
              {
                name: 'Later: keep the flag open (it shows in journey prep and journey flags)',
                value: 'defer',
              },
            ],
            default: flag.revisit.length === 0 ? 'defer' : 'now',
          },
          context,
        ),
      ),
    );

  const ask = async (q: Question, context: AskContext): Promise<Reply> => {
    write(renderQuestionHeader(loop, context.position, context.total, q, context.revisiting));
    if (!shownHelp) {
      write(style.dim('  Type /why for coaching, /help for commands; Ctrl-D saves and quits.'));
      shownHelp = true;
    }
    for (;;) {
      try {
        const reply = await askOnce(q, context, env);
        // The menu reopens as it was after a note, /why or a flag; anything else moves on.
        if (reply !== 'help' && !['note', 'why', 'flag'].includes(reply.kind)) env.resume = undefined;
        if (reply === 'help') {
          write(renderSlashHelp());
          continue;
        }
        if (reply.kind === 'discard' && !(await confirmDiscard())) continue;
        return reply;
      } catch (error) {
        if (error instanceof BackToQuestion) {
          write(style.dim('  Back to the question.'));
          continue;
        }
        if (error instanceof EndOfInput) return { kind: 'save' };
        if (isCancel(error)) return { kind: 'cancel' };
        throw error;
      }
    }
  };

  const tickCues = (q: Question): Promise<string[] | 'cancel'> =>
    orCancel(() =>
      guarded((context) =>
        checkbox<string>(
          {
            message: `Heard any of these? ${style.dim('(space to tick, enter to go on)')}`,
            choices: q.cues.map((c) => ({ name: oneLine(c.text), value: c.id })),
            pageSize: 10,
            loop: false,
          },
          context,
        ),
      ),
    );

  const judgeShift = (
    q: Question,
    before: AnswerValue,
    after: AnswerValue,
  ): Promise<'reworded' | 'moved' | 'cancel'> => {
    write(style.dim(`  Last time: ${oneLine(formatAnswer(q, before))}`));
    write(style.dim(`  Now:       ${oneLine(formatAnswer(q, after))}`));
    return orCancel(() =>
      guarded((context) =>
        select<'reworded' | 'moved'>(
          {
            message: 'You were on the call: is this the same problem?',
            choices: [
              { name: 'Same problem, reworded', value: 'reworded' },
              { name: 'The problem has moved (raise a loop-back)', value: 'moved' },
            ],
          },
          context,
        ),
      ),
    );
  };
  return { ask, show, decideFlag, tickCues, judgeShift };
}

/** /discard asks first (Enter: no); Esc is no too. */
async function confirmDiscard(): Promise<boolean> {
  try {
    return await guarded(
      (context) =>
        confirm(
          {
            message: 'Discard this unfinished session? Every answer in it is deleted from the data folder.',
            default: false,
          },
          context,
        ),
      { escape: true },
    );
  } catch (error) {
    if (error instanceof BackToQuestion) return false;
    throw error;
  }
}

async function askOnce(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  switch (q.type) {
    case 'text':
    case 'number':
    case 'date':
      return askTyped(q, context, env);
    case 'long':
      return askLong(q, context, env);
    case 'list':
      return askList(q, context, env);
    case 'multi':
      return askMulti(q, context, env);
    case 'measure':
      return askMeasure(q, context, env);
    default:
      return askMenu(q, context, env);
  }
}

function commandReply(text: string, env: Env): Promise<Reply | 'help'> | Reply | 'help' | undefined {
  const command = readSlashCommand(text);
  if (!command) return undefined;
  if (command.kind === 'help') return 'help';
  if (command.kind === 'note' && command.text === '') return askNoteText('note', env);
  if (command.kind === 'flag' && command.text === '') return askNoteText('flag', env);
  return command;
}

/** What the ✔ line shows for a command typed in place of an answer: never the command itself. */
function commandShown(command: SlashCommand): string {
  switch (command.kind) {
    case 'skip':
      return style.dim('skipped');
    case 'save':
      return style.dim('saving');
    case 'note':
      return command.text ? style.dim('note taken') : '';
    case 'flag':
      return command.text ? style.dim('flag raised') : '';
    default:
      return '';
  }
}

/**
 * The ✔ line of a typed prompt: the answer as recorded (`recorded`), or what a command did. A final
 * line with nothing to show after the question is wiped (given the prompt's context).
 */
function finalEcho(recorded: (text: string) => string | undefined, context?: PromptContext) {
  return (value: string, { isFinal }: { isFinal: boolean }): string => {
    if (!isFinal) return safeText(value);
    const command = readSlashCommand(value);
    const shown = command
      ? commandShown(command)
      : (recorded(value) ?? style.answer(safeText(oneLine(value))));
    if (shown === '' && context) context.clearPromptOnDone = true;
    return shown;
  };
}

function validateTyped(q: Question) {
  return (text: string): true | string => {
    const command = readSlashCommand(text);
    if (command === null) return UNKNOWN_COMMAND;
    if (command) return true;
    // Enter on an optional question with nothing typed skips it.
    if (text.trim() === '' && !q.required) return true;
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

async function askTyped(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const placeholder = q.type === 'date' ? 'YYYY-MM-DD or "next friday"' : q.unit && safeText(q.unit);
  const earlier = earlierAnswer(
    context.previous === undefined ? undefined : formatAnswer(q, context.previous),
  );
  const validate = validateTyped(q);
  // Dates typed in words are read once (chrono loads on the first), then echoed back as ISO dates.
  const dates = new Map<string, DateReading>();
  const known = (text: string): DateReading | undefined => dates.get(text) ?? readDateNow(text);
  const readingOf = async (text: string): Promise<DateReading> => {
    const reading = known(text) ?? (await readDate(text, env.today()));
    dates.set(text, reading);
    return reading;
  };
  const recorded = (typedText: string): string | undefined => {
    const text = earlier.taken(typedText);
    if (text.trim() === '') return style.dim('skipped');
    if (q.type === 'date') {
      const reading = known(text);
      return reading?.ok ? style.answer(reading.date) : undefined;
    }
    const check = checkAnswer(q, text);
    return check.ok ? style.answer(safeText(oneLine(formatAnswer(q, check.value)))) : undefined;
  };
  const text = earlier.taken(
    await guarded((context) =>
      input(
        {
          message: placeholder ? `${askText(q)} ${style.dim(`(${placeholder})`)}` : askText(q),
          default: earlier.shown,
          validate: (value) => {
            const taken = earlier.taken(value);
            const verdict = validate(taken);
            if (q.type !== 'date' || readSlashCommand(taken) !== undefined || taken.trim() === '')
              return verdict;
            // A date: read at once when it is one; words wait for chrono (loaded the first time).
            const now = readDateNow(taken);
            if (now) {
              dates.set(taken, now);
              return now.ok ? true : safeText(now.reason);
            }
            return readingOf(taken).then((reading) => (reading.ok ? true : safeText(reading.reason)));
          },
          transformer: finalEcho(recorded, context),
        },
        context,
      ),
    ),
  );
  const command = commandReply(text, env);
  if (command) return command;
  if (text.trim() === '' && !q.required) return { kind: 'skip' };
  if (q.type === 'date') {
    const reading = await readingOf(text);
    if (!reading.ok) return { kind: 'skip' };
    const confirmed = await confirmDate(reading, env, readingOf, known);
    return typeof confirmed === 'string' ? { kind: 'answer', value: confirmed } : confirmed;
  }
  const check = checkAnswer(q, text);
  return check.ok ? { kind: 'answer', value: check.value } : { kind: 'skip' };
}

const YES = /^(y|yes)$/i;
const NO = /^(n|no)$/i;

/**
 * A date read from words is echoed back to confirm, and a date in the past gets a warning (every
 * date journey asks for is a deadline or a meeting ahead). Enter or y records it; n goes back to
 * the question; anything else typed is another date, read and confirmed in its turn (a slash
 * command works as at the question). Esc goes back to the question.
 */
async function confirmDate(
  first: Extract<DateReading, { ok: true }>,
  env: Env,
  readingOf: (text: string) => Promise<DateReading>,
  known: (text: string) => DateReading | undefined,
): Promise<string | Reply | 'help'> {
  const today = env.today();
  let reading = first;
  for (;;) {
    const { date } = reading;
    const past = daysFrom(today, date) < 0;
    if (past) env.write(style.warn(`  ${date} is in the past (${describeDate(date, today)}).`));
    if (!reading.read && !past) return date;
    const typed = await guarded(
      (context) =>
        input(
          {
            message: `${past ? `Record ${date} anyway?` : `Record ${date} (${describeDate(date, today)})?`} ${style.dim('(Y/n, or type another date)')}`,
            validate: (value) => {
              const text = value.trim();
              if (text === '' || YES.test(text) || NO.test(text)) return true;
              const command = readSlashCommand(text);
              if (command === null) return UNKNOWN_COMMAND;
              if (command) return true;
              const now = readDateNow(text);
              if (now) return now.ok ? true : safeText(now.reason);
              return readingOf(text).then((read) => (read.ok ? true : safeText(read.reason)));
            },
            transformer: finalEcho((value) => {
              const text = value.trim();
              if (text === '' || YES.test(text)) return style.answer('Yes');
              if (NO.test(text)) return style.dim('No: back to the question');
              const other = known(text);
              return other?.ok ? style.dim(`another date: ${other.date}`) : undefined;
            }, context),
          },
          context,
        ),
      { escape: true },
    );
    const text = typed.trim();
    if (text === '' || YES.test(text)) return date;
    if (NO.test(text)) throw new BackToQuestion();
    const command = commandReply(text, env);
    if (command) return command;
    const next = await readingOf(text);
    if (!next.ok) throw new BackToQuestion();
    reading = next;
  }
}

/** What was typed into a second prompt (not a command). */
interface Typed {
  typed: string;
}
const isTyped = (x: Typed | Reply | 'help'): x is Typed => typeof x === 'object' && 'typed' in x;

/**
 * A second prompt (their words after "Something else…", a note's text, a measure step): a slash
 * command works as at the question; Esc or an empty line goes back to the question.
 */
async function askSecond(
  message: string,
  env: Env,
  check: (text: string) => true | string,
  recorded: (text: string) => string | undefined = () => undefined,
): Promise<Typed | Reply | 'help'> {
  const text = await guarded(
    (context) =>
      input(
        {
          message: `${message} ${style.dim('(Esc or an empty line: back to the question)')}`,
          validate: (value) => {
            const command = readSlashCommand(value);
            if (command === null) return UNKNOWN_COMMAND;
            if (command || value.trim() === '') return true;
            return check(value);
          },
          // An empty line goes back: nothing is saved, whatever `recorded` would say of an answer.
          transformer: finalEcho(
            (value) => (value.trim() === '' ? style.dim('nothing saved') : recorded(value)),
            context,
          ),
        },
        context,
      ),
    { escape: true },
  );
  if (text.trim() === '') throw new BackToQuestion();
  const command = commandReply(text, env);
  if (command) return command;
  return { typed: text.trim() };
}

async function askLong(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const earlier = typeof context.previous === 'string' ? context.previous : undefined;
  const choice = env.editor();
  const editorName = safeText(choice.command[0] ?? 'vi');
  // Before the editor: Enter opens it; a command typed here works (/back, /skip…); a line typed
  // here is the answer, without an editor.
  const typed = await guarded((context) =>
    input(
      {
        message: `${askText(q)} ${style.dim(`(Enter opens ${editorName}${earlier === undefined ? '' : ' with the answer given'}; or type a one-line answer or a /command)`)}`,
        validate: (value) => (readSlashCommand(value) === null ? UNKNOWN_COMMAND : true),
        transformer: finalEcho(
          (value) => (value.trim() === '' ? style.dim(`opening ${editorName}…`) : undefined),
          context,
        ),
      },
      context,
    ),
  );
  const command = commandReply(typed, env);
  if (command) return command;
  let text = typed.trim();
  if (text === '') {
    const comments = [
      q.ask,
      ...(q.why ? [`Why ask: ${q.why}`] : []),
      ...q.listenFor.map((l) => `Listen for: ${l}`),
    ]
      .flatMap((line) => line.split(/\r?\n/))
      .map((line) => safeText(line));
    // The earlier answer in its printable form (a pasted escape sequence cannot reach the editor's
    // screen); saved back unchanged, it stands for the answer as recorded.
    const shown = earlier === undefined ? undefined : safeText(earlier, { multiline: true });
    const result = await env.edit(choice, editorText(comments, shown));
    if (!result.ok) {
      env.write(
        style.warn(
          `  ${safeText(result.problem)}: back to the question (set editor: in config.yaml, or $VISUAL).`,
        ),
      );
      throw new BackToQuestion();
    }
    text = answerFromEditor(result.text);
    if (earlier !== undefined && shown !== undefined && text === shown.trim()) text = earlier;
    if (readSlashCommand(text) === null) {
      env.write(style.warn(`  ${UNKNOWN_COMMAND}`));
      throw new BackToQuestion();
    }
    const written = commandReply(text, env);
    if (written) return written;
    if (text === '') {
      if (!q.required && earlier === undefined) {
        env.write(style.dim('  Nothing written: skipped.'));
        return { kind: 'skip' };
      }
      env.write(style.dim('  Nothing written.'));
      throw new BackToQuestion();
    }
  }
  const check = checkAnswer(q, text);
  if (!check.ok) {
    env.write(style.warn(`  Not recorded: ${safeText(check.reason)}.`));
    throw new BackToQuestion();
  }
  if (typeof check.value === 'string' && typed.trim() === '') {
    const lines = check.value.split('\n');
    const more = lines.length > 1 ? style.dim(` … (${lines.length} lines)`) : '';
    env.write(`${style.answer('  ✔')} ${style.answer(safeText(oneLine(lines[0] ?? '')))}${more}`);
  }
  return { kind: 'answer', value: check.value };
}

/**
 * One item at a time. A list asked again starts from the answer already given (Enter keeps it;
 * `-item` takes one out), so re-asking never empties it by accident. Esc goes back to the question,
 * keeping the items typed so far.
 */
async function askList(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const { drafts, write } = env;
  const earlier = Array.isArray(context.previous) ? context.previous : [];
  const items = drafts.get(q.id) ?? [...earlier];
  drafts.set(q.id, items);
  if (items.length > 0)
    write(style.dim(`  So far: ${items.map(oneLine).join(', ')} (Enter keeps them; -item removes one)`));
  for (;;) {
    const text = await guarded(
      (context) =>
        input(
          {
            message:
              items.length === 0
                ? `${askText(q)} ${style.dim('(one at a time; empty line to finish)')}`
                : `  item ${items.length + 1}:`,
            validate: (value) => (readSlashCommand(value) === null ? UNKNOWN_COMMAND : true),
            transformer: finalEcho(
              (value) => (value.trim() === '' ? style.dim(items.length === 0 ? 'none' : 'done') : undefined),
              context,
            ),
          },
          context,
        ),
      { escape: items.length > 0 },
    );
    const command = commandReply(text, env);
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

/** Save, Back and Help at the top of every menu, each on its own key. */
const TOP_ENTRIES: MenuChoice<Menu>[] = [
  { name: 'Save and quit', value: { command: 'save' }, key: 's', label: 'save', short: 'saving' },
  { name: 'Back to the previous question', value: { command: 'back' }, key: 'b', label: 'back', short: '' },
  { name: 'Help: the commands and keys', value: { command: 'help' }, key: '?', label: 'help', short: '' },
];
/** The other commands, below the answers. */
const MORE_ENTRIES: MenuChoice<Menu>[] = [
  { name: 'Skip this question', value: { command: 'skip' }, key: 'x', label: 'skip', short: 'skipped' },
  { name: 'Add a note', value: { command: 'note' }, key: 'a', label: 'note', short: '' },
  { name: 'Raise a loop-back flag', value: { command: 'flag' }, key: 'f', label: 'flag', short: '' },
  { name: 'Why ask this?', value: { command: 'why' }, key: 'w', label: 'why', short: '' },
  { name: 'Discard this session', value: { command: 'discard' }, key: 'd', label: 'discard', short: '' },
];

function menuAnswers(q: Question): MenuChoice<Menu>[] {
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
        return {
          name: label ? `${n} · ${oneLine(label)}` : String(n),
          value: { answer: n },
          short: String(n),
        };
      });
    }
    default: {
      const choices = q.choices.map((c) => ({ name: oneLine(c.label), value: { answer: c.id } as Menu }));
      return q.other ? [...choices, { name: 'Something else…', value: { other: true }, short: '' }] : choices;
    }
  }
}

/** A menu of answers between the command groups; the cursor starts on the answers. */
function withCommands(answers: MenuChoice<Menu>[]): (MenuChoice<Menu> | Separator)[] {
  return [...TOP_ENTRIES, new Separator(), ...answers, new Separator(), ...MORE_ENTRIES];
}

/** What env.resume holds for this question, taken (it is used once). */
function resumed(q: Question, env: Env): { cursor?: number; ticked?: number[] } {
  const resume = env.resume?.question === q.id ? env.resume : {};
  env.resume = undefined;
  return resume;
}

async function askMenu(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const entries = menuAnswers(q);
  const previous = entries.find((e) => 'answer' in e.value && e.value.answer === context.previous);
  const choices = withCommands(entries);
  const scale = q.type === 'scale' ? scaleRange(q) : undefined;
  const { cursor } = resumed(q, env);
  const back = cursor === undefined ? undefined : choices[cursor];
  const picked = await guarded((context) =>
    menu<Menu>(
      {
        message: askText(q),
        choices,
        default: back && !(back instanceof Separator) ? back.value : previous?.value,
        // A scale starts on no number: Enter without one typed never records the first.
        start: scale ? -1 : TOP_ENTRIES.length + 1,
        ...(scale
          ? {
              scale: {
                ...scale,
                valueOf: (n: number) =>
                  entries.find((e) => 'answer' in e.value && e.value.answer === n)?.value,
              },
            }
          : {}),
        ...(q.required ? {} : { none: { command: 'skip' } as Menu }),
      },
      context,
    ),
  );
  if ('other' in picked)
    env.resume = {
      question: q.id,
      cursor: choices.findIndex((c) => !(c instanceof Separator) && c.value === picked),
    };
  return menuReply(q, picked, env);
}

async function menuReply(q: Question, picked: Menu, env: Env): Promise<Reply | 'help'> {
  if ('answer' in picked) return { kind: 'answer', value: picked.answer };
  if ('other' in picked) {
    const other = await askOther(q, env);
    return isTyped(other) ? { kind: 'answer', value: other.typed } : other;
  }
  if (picked.command === 'help') return 'help';
  if (picked.command === 'note' || picked.command === 'flag') return askNoteText(picked.command, env);
  return { kind: picked.command };
}

async function askMulti(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const chosen = Array.isArray(context.previous) ? context.previous : [];
  const { ticked } = resumed(q, env);
  const entries = menuAnswers(q);
  const picked = await guarded((context) =>
    checkbox<Menu>(
      {
        message: `${askText(q)} ${style.dim('(space to pick, enter when done; pick nothing for the commands)')}`,
        choices: entries.map((e, i) => ({
          name: e.name,
          value: e.value,
          checked: ticked
            ? ticked.includes(i)
            : 'answer' in e.value && chosen.includes(String(e.value.answer)),
        })),
        pageSize: 15,
        loop: false,
      },
      context,
    ),
  );
  if (picked.length > 0) {
    const ids = picked.flatMap((p) => ('answer' in p ? [String(p.answer)] : []));
    if (picked.some((p) => 'other' in p)) {
      // Esc, or a command (/note, /why), in their words comes back to the boxes as ticked.
      env.resume = { question: q.id, ticked: picked.map((p) => entries.findIndex((e) => e.value === p)) };
      const other = await askOther(q, env);
      if (!isTyped(other)) return other;
      ids.push(other.typed);
    }
    return { kind: 'answer', value: ids };
  }
  type Next = Menu | { none: true } | { again: true };
  const next = await guarded(
    (context) =>
      menu<Next>(
        {
          message: 'Nothing picked. What now?',
          choices: [
            ...TOP_ENTRIES,
            new Separator(),
            { name: 'Pick again', value: { again: true } },
            ...(q.required ? [] : [{ name: 'Record "none of these"', value: { none: true } as const }]),
            new Separator(),
            ...MORE_ENTRIES,
          ],
          start: TOP_ENTRIES.length + 1,
        },
        context,
      ),
    { escape: true },
  );
  if ('again' in next) return askMulti(q, context, env);
  if ('none' in next) return { kind: 'answer', value: [] };
  return menuReply(q, next, env);
}

/**
 * A measure: the first time, which way is better and its baseline and target (unless already
 * known); every time, the actual value. Each step is a second prompt (Esc: back to the question).
 */
async function askMeasure(q: Question, context: AskContext, env: Env): Promise<Reply | 'help'> {
  const known = context.measure ?? {};
  const value: MeasureValue = {};
  if (!known.direction) {
    type Direction = Menu | { direction: 'higher' | 'lower' };
    const picked = await guarded((context) =>
      menu<Direction>(
        {
          message: `${askText(q)} ${style.dim('(first time: which way is better?)')}`,
          choices: [
            ...TOP_ENTRIES,
            new Separator(),
            { name: 'Higher is better', value: { direction: 'higher' } },
            { name: 'Lower is better', value: { direction: 'lower' } },
            new Separator(),
            ...MORE_ENTRIES,
          ],
          start: TOP_ENTRIES.length + 1,
        },
        context,
      ),
    );
    if (!('direction' in picked)) return menuReply(q, picked, env);
    value.direction = picked.direction;
  }
  type Step = ['baseline' | 'target' | 'actual', string];
  const steps: Step[] = [];
  if (known.baseline === undefined) steps.push(['baseline', `${askText(q)} Baseline, before they started`]);
  if (known.target === undefined) steps.push(['target', 'Agreed target']);
  steps.push([
    'actual',
    known.baseline === undefined ? 'Where is it today' : `${askText(q)} ${style.dim(measureHint(known))}`,
  ]);
  const check = validateTyped({ ...q, type: 'number', required: true });
  const recorded = (text: string) => {
    const n = readNumber(text, q.unit);
    return n === undefined ? undefined : style.answer(formatAnswer({ ...q, type: 'number' }, n));
  };
  for (const [key, message] of steps) {
    const step = await askSecond(
      `  ${message}${q.unit ? ` (${safeText(q.unit)})` : ''}:`,
      env,
      check,
      recorded,
    );
    if (!isTyped(step)) return step;
    const n = readNumber(step.typed, q.unit);
    if (n !== undefined) value[key] = n;
  }
  return { kind: 'answer', value };
}

function measureHint(known: MeasureValue): string {
  return `(baseline ${known.baseline}, target ${known.target ?? '?'}${known.direction ? `, ${known.direction} is better` : ''})`;
}

/** Their own words after "Something else…"; a command works here too. */
function askOther(q: Question, env: Env): Promise<Typed | Reply | 'help'> {
  return askSecond('  In their words:', env, (value) => {
    const check = checkAnswer({ ...q, type: 'text' }, value);
    return check.ok ? true : safeText(check.reason);
  });
}

/**
 * The text of a note or a flag; a command typed here works as at the question, never as the text.
 * Esc or an empty line goes back to the question, saying nothing was saved.
 */
async function askNoteText(kind: 'note' | 'flag', env: Env): Promise<Reply | 'help'> {
  try {
    const typed = await askSecond(
      kind === 'note' ? '  Note:' : '  What changes the problem?',
      env,
      () => true,
      () => style.dim(kind === 'note' ? 'note taken' : 'flag raised'),
    );
    return isTyped(typed) ? { kind, text: typed.typed } : typed;
  } catch (error) {
    if (error instanceof BackToQuestion)
      env.write(style.dim(kind === 'note' ? '  No note saved.' : '  No flag raised.'));
    throw error;
  }
}

/**
 * A question asked outside an interview (which account, which deal, a new account's name): nothing
 * is recorded yet, so Ctrl-C or Esc just stops, with exit 130 and a line saying so.
 */
async function orCancelled<T>(ask: (context: { signal: AbortSignal }) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onKey = (_: unknown, key?: { name?: string }) => {
    if (key?.name === 'escape') controller.abort('escape');
  };
  process.stdin.on('keypress', onKey);
  try {
    return await ask({ signal: controller.signal });
  } catch (error) {
    if (isCancel(error) || controller.signal.aborted) throw new Cancelled('Cancelled: nothing was recorded.');
    throw error;
  } finally {
    process.stdin.off('keypress', onKey);
  }
}

/** One of several named things (a deal of an account), chosen on the terminal. */
export function pickOne<T>(message: string, choices: readonly { name: string; value: T }[]): Promise<T> {
  return orCancelled((context) =>
    select<T>(
      {
        message: safeText(message),
        choices: choices.map((c) => ({ name: safeText(c.name), value: c.value })),
      },
      context,
    ),
  );
}

/** A yes or no asked on the terminal (Enter: the default). */
export function confirmOnTerminal(message: string, initial: boolean): Promise<boolean> {
  return orCancelled((context) => confirm({ message: safeText(message), default: initial }, context));
}

/** One line typed on the terminal, with a default Enter keeps; never empty. */
export function askLine(message: string, initial: string): Promise<string> {
  return orCancelled(async (context) =>
    (
      await input(
        {
          message: safeText(message),
          ...(initial ? { default: safeText(initial) } : {}),
          validate: (value) => (value.trim() === '' ? 'Type a name, or press Esc or Ctrl-C to stop.' : true),
          transformer: echo,
        },
        context,
      )
    ).trim(),
  );
}

/**
 * One of many named things (an account), found by typing part of its name: `find` gives the choices
 * for what is typed so far, best first. Enter picks the highlighted one.
 */
export async function searchOne<T>(
  message: string,
  find: (term: string) => readonly { name: string; value: T; description?: string }[],
): Promise<T> {
  const { search } = await import('@inquirer/prompts');
  return orCancelled((context) =>
    search<T>(
      {
        message: safeText(message),
        source: (term) =>
          find(term ?? '').map((c) => ({
            name: safeText(c.name),
            value: c.value,
            ...(c.description === undefined ? {} : { description: safeText(c.description) }),
          })),
        pageSize: 10,
      },
      context,
    ),
  );
}
