// The display name of an account folder as one of its files states it: the `account:` line of a
// session or record. For a sync's summary, which names a handful of folders and must not pay for
// the whole session index.
import { join } from 'node:path';
import { readDataFile } from './data-files.js';
import { SESSION_FILE } from './limits.js';

const ACCOUNT_LINE = /^account:[ \t]*(.+)$/m;

/** Folder → account name, read from the first file of each folder that has one. */
export async function accountNamesOf(
  home: string,
  filesByFolder: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const { readYaml } = await import('../yaml/source.js');
  for (const [folder, files] of filesByFolder) {
    for (const file of files) {
      // Never through a link, never a huge file: one that cannot be read names no account.
      const read = readDataFile(join(home, file), SESSION_FILE);
      const line = read.ok ? ACCOUNT_LINE.exec(read.text)?.[0] : undefined;
      if (!line) continue;
      const parsed = readYaml(line, file);
      const value = parsed.ok ? (parsed.value as { account?: unknown } | null)?.account : undefined;
      if (typeof value === 'string' && value.trim()) {
        names.set(folder, value);
        break;
      }
    }
  }
  return names;
}
