// Where a run's replies come from: the rep at a terminal, or a file of answers. One choice for every
// command that runs the interview (start, resume, bank preview), so they refuse the same way.
import type { QuestionBank } from '../bank/bank.js';
import { UserError } from '../errors.js';
import type { Prompts } from '../journey/port.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { readAnswers } from './answers-input.js';

export type PromptSource =
  | { kind: 'terminal'; prompts: Prompts }
  | { kind: 'scripted'; prompts: Prompts; file: string; asked(): string[]; unused(): string[] };

export interface SourceOptions {
  bank: QuestionBank;
  /** The `--answers` file (or `-`), when scripted. */
  answers?: string | undefined;
  cwd: string;
  /** Previews skip required questions a file leaves out; recording a session refuses them. */
  strict: boolean;
  /** What to say when there is neither a terminal nor a file. */
  noTerminal: string;
  /** The data folder, whose config.yaml may choose the editor for long answers. */
  home?: string | undefined;
}

/** Today as YYYY-MM-DD on the rep's own calendar, for dates given in words. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export async function promptSource(options: SourceOptions): Promise<PromptSource> {
  if (options.answers !== undefined) {
    const { checkHeard, checkScriptedAnswers, readScriptedDates, scriptedPrompts } = await import(
      '../journey/scripted.js'
    );
    const { raw: given, file } = await readAnswers(options.answers, options.cwd);
    const { raw, warnings } = await readScriptedDates(options.bank, given, file, today());
    for (const warning of warnings) output.err(`warning: ${safeText(warning)}`);
    const answers = checkScriptedAnswers(options.bank, raw, file);
    const prompts = scriptedPrompts(answers, file, options.strict, checkHeard(options.bank, raw, file));
    return { kind: 'scripted', prompts, file, asked: prompts.asked, unused: prompts.unused };
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UserError(options.noTerminal);
  const { terminalPrompts } = await import('../ui/prompts.js');
  const { readConfig } = await import('../store/config.js');
  const editor = options.home === undefined ? undefined : (await readConfig(options.home)).editor;
  return { kind: 'terminal', prompts: terminalPrompts(options.bank.loop, output.out, { editor, today }) };
}
