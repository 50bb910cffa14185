// The manifest of an export folder (.journey-export.json): the notes journey wrote there, each with
// the sha256 of the text it wrote, so a note edited by hand since, or a file journey never wrote, is
// not overwritten. Scripts may read it: its name, place and format stay as they are.
//
// Held as parsed (no copy of it is made), read only when first asked, and written only when a note's
// entry changed: the text of the manifest, kept to see whether it changed and made again at the end
// to compare, was some 1 MB of the peak memory of an export of 5,000 accounts with nothing changed,
// and a copy of the parsed entries made on reading, another few hundred kilobytes, all growing with
// the folder.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { entryAt, readDataFile } from './data-files.js';
import { MANIFEST_FILE } from './limits.js';
import { type FileStamp, isObject, stampOf } from './stat-cache.js';

const MANIFEST = '.journey-export.json';

export interface Manifest {
  /** The sha256 of the text journey wrote at `path` (relative to the export folder), if it did. */
  hashOf(path: string): string | undefined;
  /** Names the note at `path` as journey's, with the hash of its text. */
  own(path: string, hash: string): void;
  /** Writes the manifest when an entry changed since it was read or last written, or it is missing. */
  save(): Promise<void>;
}

/** The manifest of the export folder `dir` (empty when there is none, or it is unreadable or not JSON). */
export function loadManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST);
  // Read when first asked: an export that finds every account as its memo left it, with the
  // manifest as it left it too, never reads it (store/export-memo.ts).
  let read: Record<string, string> | undefined;
  const files = () => {
    read ??= filesIn(path);
    return read;
  };
  let changed = false;
  return {
    hashOf(note) {
      const all = files();
      return Object.hasOwn(all, note) ? all[note] : undefined;
    },
    own(note, hash) {
      const all = files();
      if (Object.hasOwn(all, note) && all[note] === hash) return;
      all[note] = hash;
      changed = true;
    },
    async save() {
      // Nothing new: the manifest is left as it is (an export with nothing changed writes nothing).
      if (!changed && entryAt(path)) return;
      const text = manifestText(files());
      // Taken now: what changes while the text is written is written next time.
      changed = false;
      await writeFileAtomic(path, text).catch((error: unknown) => {
        changed = true;
        throw error;
      });
    },
  };
}

/** The stamp of the manifest of `dir` now; undefined when there is none. */
export const manifestStamp = (dir: string): FileStamp | undefined => stampOf(join(dir, MANIFEST));

/** Manifests read, for tests: an export that finds it as it left it reads none. */
export const manifestReads = { count: 0 };

function filesIn(path: string): Record<string, string> {
  manifestReads.count++;
  const read = readDataFile(path, MANIFEST_FILE);
  if (!read.ok) return {}; // no manifest yet (or an unreadable one): nothing here is known to be ours
  try {
    const data = JSON.parse(read.text) as { files?: unknown };
    if (!isObject(data) || !isObject(data.files)) return {};
    const files = data.files;
    // Checked in place: an entry that is not a hash names nothing.
    for (const note of Object.keys(files)) if (typeof files[note] !== 'string') delete files[note];
    return files as Record<string, string>;
  } catch {
    return {}; // not JSON: start a new one
  }
}

function manifestText(files: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ format: 1, files: sorted }, null, 2)}\n`;
}
