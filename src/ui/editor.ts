// The editor a long answer is written in. Which one: `editor:` in <home>/config.yaml (a choice made
// for journey, as git's core.editor is), else $VISUAL, else $EDITOR, else nano where it is on the
// PATH, else vi. The file opens with the question and its coaching on lines marked `#│`, which
// are taken out of the answer; every other line is the rep's, a line of their own starting with #
// (`#1 pain is…`, a Markdown heading) included.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface EditorChoice {
  /** The command, split into its words ("code --wait"). */
  command: string[];
  /** Where it came from, for messages: "config.yaml", "$VISUAL", "$EDITOR", "nano", "vi". */
  from: string;
}

export function chooseEditor(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): EditorChoice {
  const words = (text: string) => text.trim().split(/\s+/);
  if (configured?.trim()) return { command: words(configured), from: 'editor: in config.yaml' };
  if (env.VISUAL?.trim()) return { command: words(env.VISUAL), from: '$VISUAL' };
  if (env.EDITOR?.trim()) return { command: words(env.EDITOR), from: '$EDITOR' };
  if (onPath('nano', env)) return { command: ['nano'], from: 'nano' };
  return { command: ['vi'], from: 'vi' };
}

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What starts each line journey writes into the file: no line the rep writes is taken for it. */
export const COMMENT_MARK = '#│';

/** The file's opening: the question and its coaching as marked comment lines, then the earlier answer. */
export function editorText(comments: readonly string[], earlier: string | undefined): string {
  const head = [
    ...comments,
    '',
    `Lines starting with ${COMMENT_MARK} are left out; everything else is the answer, # lines too.`,
    'Save and close the editor to record it; leave it empty to go back to the question.',
  ]
    .map((line) => `${COMMENT_MARK} ${line}`.trimEnd())
    .join('\n');
  const body = earlier ?? '';
  return `${head}\n${body}${body ? '\n' : ''}`;
}

/** The answer in a file written through editorText: journey's marked lines out, the rest as written. */
export function answerFromEditor(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !line.startsWith(COMMENT_MARK))
    .join('\n')
    .trim();
}

export type EditorResult = { ok: true; text: string } | { ok: false; problem: string };

/** Opens the editor on a private temporary file and waits for it; the file is removed after. */
export async function editInEditor(choice: EditorChoice, initial: string): Promise<EditorResult> {
  const dir = await mkdtemp(join(tmpdir(), 'journey-'));
  const file = join(dir, 'answer.md');
  try {
    await writeFile(file, initial, { encoding: 'utf8', mode: 0o600 });
    const [command = 'vi', ...args] = choice.command;
    const run = spawnSync(command, [...args, file], { stdio: 'inherit' });
    if (run.error)
      return { ok: false, problem: `could not start ${command} (${choice.from}): ${run.error.message}` };
    if (run.status !== 0)
      return {
        ok: false,
        problem: `${command} (${choice.from}) ended with exit code ${run.status ?? run.signal}`,
      };
    return { ok: true, text: await readFile(file, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
