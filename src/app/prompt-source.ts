// Where a run's replies come from: the rep at a terminal, or a file of answers. One choice for every
// command that runs the interview (start, resume, bank preview), so they refuse the same way.
import type { QuestionBank } from '../bank/bank.js';
import { UserError } from '../errors.js';
import type { Prompts } from '../journey/port.js';
import { output } from '../ui/output.js';
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
}

export async function promptSource(options: SourceOptions): Promise<PromptSource> {
  if (options.answers !== undefined) {
    const { checkHeard, checkScriptedAnswers, scriptedPrompts } = await import('../journey/scripted.js');
    const { raw, file } = await readAnswers(options.answers, options.cwd);
    const answers = checkScriptedAnswers(options.bank, raw, file);
    const prompts = scriptedPrompts(answers, file, options.strict, checkHeard(options.bank, raw, file));
    return { kind: 'scripted', prompts, file, asked: prompts.asked, unused: prompts.unused };
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UserError(options.noTerminal);
  const { terminalPrompts } = await import('../ui/prompts.js');
  return { kind: 'terminal', prompts: terminalPrompts(options.bank.loop, output.out) };
}
