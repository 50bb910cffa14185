// A file of answers handed to `--answers` (or `-` for stdin): read, size-capped and parsed as YAML.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { formatProblem, MAX_YAML_BYTES, readYaml } from '../yaml/source.js';

export interface AnswersInput {
  raw: Record<string, unknown>;
  /** The file's path, or `<stdin>`, for messages. */
  file: string;
}

export async function readAnswers(ref: string, cwd: string): Promise<AnswersInput> {
  const file = ref === '-' ? '<stdin>' : resolve(cwd, ref);
  const text = ref === '-' ? await readStdin() : await readAnswerFile(file);
  const yaml = readYaml(text, file);
  if (!yaml.ok) {
    throw new UserError(`${file}: cannot read the answers`, yaml.problems.map(formatProblem));
  }
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: answers must be a map of question id to answer (YAML or JSON)`);
  }
  return { raw: value as Record<string, unknown>, file };
}

async function readAnswerFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: cannot read the answers file (${code === 'ENOENT' ? 'no such file' : code})`,
    );
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_YAML_BYTES) throw new UserError('<stdin>: the answers are larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
