// Writing notes into a folder the user owns: every file atomically, and never over a file journey
// did not write or that was edited by hand since (unless forced). A manifest remembers what we wrote.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ExportFile, ExportReport, WriteOutcome } from '../model/export-files.js';
import { writeFileAtomic } from './atomic.js';

const MANIFEST = '.journey-export.json';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function loadManifest(dir: string): Promise<Record<string, string>> {
  try {
    const data = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { files?: unknown };
    if (data.files && typeof data.files === 'object') return data.files as Record<string, string>;
  } catch {
    // no manifest yet (or an unreadable one): nothing here is known to be ours
  }
  return {};
}

/** Files written at once: enough to keep the disk busy while each one is synced. */
const CONCURRENCY = 8;

export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  force: boolean,
  onProgress?: (done: number) => void,
): Promise<ExportReport> {
  await mkdir(dir, { recursive: true });
  const manifest = await loadManifest(dir);
  const outcomes: ExportReport['outcomes'] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i] as ExportFile;
      outcomes[i] = await writeOne(dir, file, manifest, force);
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify({ format: 1, files: sorted }, null, 2)}\n`);
  return { outcomes };
}

/** Writes one file unless it is not ours or was edited since; records what we wrote in the manifest. */
async function writeOne(
  dir: string,
  file: ExportFile,
  manifest: Record<string, string>,
  force: boolean,
): Promise<ExportReport['outcomes'][number]> {
  const target = join(dir, file.path);
  if (relative(dir, target).startsWith('..'))
    throw new Error(`refusing to write outside ${dir}: ${file.path}`);
  const wanted = hash(file.text);
  try {
    const current = await readOrUndefined(target);
    const ours = manifest[file.path];
    let outcome: WriteOutcome;
    if (current === undefined) outcome = 'added';
    else if (hash(current) === wanted) outcome = 'unchanged';
    else if (!force && ours === undefined) outcome = 'skipped-not-ours';
    else if (!force && ours !== hash(current)) outcome = 'skipped-edited';
    else outcome = 'updated';
    if (outcome === 'added' || outcome === 'updated') {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, file.text);
    }
    if (outcome !== 'skipped-edited' && outcome !== 'skipped-not-ours') manifest[file.path] = wanted;
    return { path: file.path, outcome };
  } catch (error) {
    return { path: file.path, outcome: 'failed', error: (error as Error).message };
  }
}
