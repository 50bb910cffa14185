// The notes an export is putting in place, written down before each batch is renamed into place, so
// an export killed (or stopped with Ctrl-C) before its manifest named them still knows them as its
// own next time: a note whose text is what the log says was written by journey, and is updated, not
// skipped as "not written by journey". The log goes once the manifest names everything.
import { appendFile, open, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readDataFile } from './data-files.js';
import type { Manifest } from './export-manifest.js';
import { EXPORT_LOG } from './limits.js';

const LANDING = '.journey-export.landing';

export interface Landing {
  /** The note, relative to the export folder. */
  path: string;
  /** The sha256 of its text. */
  hash: string;
}

/** Writes the batch down, durably, before its notes are renamed into place. */
export async function noteLanding(dir: string, notes: readonly Landing[]): Promise<void> {
  if (notes.length === 0) return;
  const file = join(dir, LANDING);
  await appendFile(file, notes.map((n) => `${n.hash}\t${n.path}\n`).join(''), { mode: 0o644 });
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Adds to the manifest the notes an earlier export put in place and could not name: those whose text
 * now is the text the log says it wrote. Whether the log was there (so the manifest must be written).
 */
export function takeLanded(
  dir: string,
  manifest: Manifest,
  hashNow: (path: string) => string | undefined,
): boolean {
  const read = readDataFile(join(dir, LANDING), EXPORT_LOG);
  if (!read.ok) return false;
  for (const line of read.text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab !== 64) continue; // a line cut short by the crash
    const hash = line.slice(0, tab);
    const path = line.slice(tab + 1);
    // Only a note inside the export folder (a log edited by hand names nothing else).
    if (!path || relative(dir, join(dir, path)).startsWith('..')) continue;
    if (manifest.hashOf(path) !== hash && hashNow(path) === hash) manifest.own(path, hash);
  }
  return true;
}

/** The manifest names every note now: the log is not needed. */
export async function forgetLanding(dir: string): Promise<void> {
  await rm(join(dir, LANDING), { force: true });
}
