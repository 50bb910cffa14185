// The cache files of <home>/.cache as tests read and hand-edit them, in the format they are written in
// (store/stat-cache.ts): a line `{"format":N}`, then a line per entry, its key as a JSON string, a tab
// and the entry as JSON. Written here on its own, so a test fails when the code writes otherwise.
import { readFileSync, writeFileSync } from 'node:fs';

export interface CacheFile {
  format: unknown;
  entries: Record<string, unknown>;
}

/** A cache file's text with this format number and these entries. */
export function cacheFileText({ format, entries }: CacheFile): string {
  const lines = [JSON.stringify({ format })];
  for (const [key, entry] of Object.entries(entries))
    lines.push(`${JSON.stringify(key)}\t${JSON.stringify(entry)}`);
  return `${lines.join('\n')}\n`;
}

/** A cache file as written: its format number and its entries by key (a key named __proto__ too). */
export function readCacheFile(path: string): CacheFile {
  const [header = '', ...lines] = readFileSync(path, 'utf8').split('\n');
  const entries: Record<string, unknown> = Object.create(null);
  for (const line of lines.filter((l) => l !== '')) {
    const tab = line.indexOf('\t');
    entries[JSON.parse(line.slice(0, tab)) as string] = JSON.parse(line.slice(tab + 1));
  }
  return { format: (JSON.parse(header) as { format?: unknown }).format, entries };
}

export function writeCacheFile(path: string, file: CacheFile): void {
  writeFileSync(path, cacheFileText(file));
}
