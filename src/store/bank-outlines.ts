// The outlines of the banks a data folder uses, cached by each bank file's stamp: briefings and
// listings read them without parsing a bank, unless a bank file changed.
import { bankFilesOn } from '../bank/location.js';
import { type BankOutline, outlineOf } from '../bank/outline.js';
import { bankShelf } from './bank-shelf.js';
import { isBankOutline } from './cache-shapes.js';
import { StatCache, stampOf } from './stat-cache.js';

/**
 * Outlines of the banks in use for a data folder (overrides applied); the banks themselves are
 * loaded only when a bank file changed since the outlines were cached.
 */
export async function catalogOutlines(home: string): Promise<BankOutline[]> {
  const shelf = await bankShelf(home);
  const files = bankFilesOn(shelf);
  const cache = StatCache.load(home, 'banks.json', isBankOutline);
  const cached = files.map((file) => {
    const stamp = stampOf(file.path);
    return stamp ? cache.get(file.path, stamp) : undefined;
  });
  if (cached.every((o): o is BankOutline => o !== undefined)) return effective(cached);
  const { loadCheckedCatalog } = await import('./checked-banks.js');
  const outlines = (await loadCheckedCatalog(home, shelf)).entries.map((e) => outlineOf(e.bank));
  for (const outline of outlines) {
    const stamp = stampOf(outline.file);
    if (stamp) cache.set(outline.file, stamp, outline);
  }
  // Only a catalog without broken or clashing files can be answered from the cache next time.
  if (outlines.length === files.length) await cache.save();
  return outlines;
}

/**
 * "id@hash" of every bank file on the shelf, from the cached outlines alone; undefined when one is
 * not cached (then only loading the banks can tell). A review of what a sync brought loads no bank
 * when none of the calls it would read ran with one of these.
 */
export async function shelfBankRefs(home: string): Promise<Set<string> | undefined> {
  const files = bankFilesOn(await bankShelf(home));
  const cache = StatCache.load(home, 'banks.json', isBankOutline);
  const refs = new Set<string>();
  for (const file of files) {
    const stamp = stampOf(file.path);
    const outline = stamp ? cache.get(file.path, stamp) : undefined;
    if (!outline) return undefined;
    refs.add(`${outline.id}@${outline.hash}`);
  }
  return refs;
}

/** One outline per id, a later source overriding an earlier one of the same loop. */
function effective(outlines: readonly BankOutline[]): BankOutline[] {
  const out: BankOutline[] = [];
  for (const outline of outlines) {
    const index = out.findIndex((o) => o.id === outline.id);
    if (index < 0) out.push(outline);
    else if (out[index]?.loop === outline.loop) out[index] = outline;
  }
  return out;
}
