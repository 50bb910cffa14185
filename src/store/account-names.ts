// The display name of an account folder as one of its files states it: the `account:` line of a
// session or record. For a sync's summary, which names a handful of folders and must not pay for
// the whole session index.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
      const text = await readFile(join(home, file), 'utf8').catch(() => undefined);
      const line = text === undefined ? undefined : ACCOUNT_LINE.exec(text)?.[0];
      if (!line) continue;
      const read = readYaml(line, file);
      const value = read.ok ? (read.value as { account?: unknown } | null)?.account : undefined;
      if (typeof value === 'string' && value.trim()) {
        names.set(folder, value);
        break;
      }
    }
  }
  return names;
}
