// A file of answers handed to `--answers` (or `-` for stdin): read, size-capped and parsed as YAML.
// Reading stops at the cap, so an endless or huge stream (`/dev/zero`, a runaway pipe) fails fast
// with bounded memory.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { readJson } from '../yaml/json.js';
import { MAX_YAML_BYTES } from '../yaml/limits.js';

export interface AnswersInput {
  raw: Record<string, unknown>;
  /** The file's path, or `<stdin>`, for messages. */
  file: string;
}

export async function readAnswers(ref: string, cwd: string): Promise<AnswersInput> {
  const file = ref === '-' ? '<stdin>' : resolve(cwd, ref);
  const text = ref === '-' ? await readStdin() : await readAnswerFile(file);
  // JSON (what a script writes) is read without the YAML parser when it surely reads the same.
  const value = readJson(text) ?? (await readAnswersYaml(text, file));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: answers must be a map of question id to answer (YAML or JSON)`);
  }
  return { raw: value as Record<string, unknown>, file };
}

async function readAnswersYaml(text: string, file: string): Promise<unknown> {
  const [{ readYaml }, { formatProblem }] = await Promise.all([
    import('../yaml/source.js'),
    import('../yaml/positions.js'),
  ]);
  const yaml = readYaml(text, file);
  if (!yaml.ok) {
    throw new UserError(`${file}: cannot read the answers`, yaml.problems.map(formatProblem));
  }
  return yaml.value;
}

const TOO_BIG = `the answers are larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB: an answers file is a short map of question id to answer`;

/** Why a file cannot be read, in words (the error's code alone is no message). */
const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of the path is not a folder',
};

async function readAnswerFile(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      return decode(file, await readCapped(file, (buffer) => handle.read(buffer, 0, buffer.length, null)));
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = (code && READ_PROBLEMS[code]) ?? code ?? (error as Error).message;
    throw new UserError(`${file}: cannot read the answers file (${why})`);
  }
}

/** At most MAX_YAML_BYTES + 1 bytes, read in chunks: one byte more is enough to know it is too big. */
async function readCapped(
  file: string,
  read: (buffer: Buffer) => Promise<{ bytesRead: number }>,
): Promise<Buffer> {
  const limit = MAX_YAML_BYTES + 1;
  const data = Buffer.alloc(limit);
  let size = 0;
  while (size < limit) {
    const chunk = data.subarray(size, Math.min(limit, size + 64 * 1024));
    const { bytesRead } = await read(chunk);
    if (bytesRead === 0) break;
    size += bytesRead;
  }
  if (size > MAX_YAML_BYTES) throw new UserError(`${file}: ${TOO_BIG}`);
  return data.subarray(0, size);
}

/** UTF-8 text; a file that is not text says so rather than reading as garbage. */
function decode(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${file}: the answers are not UTF-8 text: save them as UTF-8 (YAML or JSON)`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_YAML_BYTES) {
      process.stdin.destroy();
      throw new UserError(`<stdin>: ${TOO_BIG}`);
    }
    chunks.push(chunk as Buffer);
  }
  return decode('<stdin>', Buffer.concat(chunks));
}
