// The banks of a data folder's shelf already checked in full, by the hash of their file's text:
// <home>/.cache/checked-banks.json. Starting a session builds them from it (bank/checked.ts) without
// checking them again; a bank file that changed has another hash, so it is checked in full and kept
// anew. Kept per build of journey: another build may check banks differently. `bank lint` keeps the
// banks it linted the same way, in a file of its own (linted-banks.json), so the two never drop each
// other's banks.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../bank/catalog.js';
import type { CheckedBank, CheckedBanks } from '../bank/checked.js';
import type { BankShelf } from '../bank/location.js';
import { writeFileAtomic } from './atomic.js';
import { crypto } from './crypto.js';
import { isObject } from './stat-cache.js';

declare const JOURNEY_BUILD: string;

const FORMAT = 1;

/** The build of journey that runs: the bundle's hash of its sources (tests run the sources: "dev"). */
const BUILD = typeof JOURNEY_BUILD === 'string' ? JOURNEY_BUILD : 'dev';

export function checkedBanksFile(home: string): string {
  return join(home, '.cache', 'checked-banks.json');
}

/** The banks `bank lint` checked in full before (files named on its command line, not a shelf). */
export function lintedBanksFile(home: string): string {
  return join(home, '.cache', 'linted-banks.json');
}

/** The catalog of the shelf's banks, built from the banks checked before, keeping those checked now. */
export async function loadCheckedCatalog(home: string, shelf: BankShelf): Promise<Catalog> {
  const { loadCatalog } = await import('../bank/catalog.js');
  const checked = CheckedBankFile.load(home);
  const catalog = await loadCatalog(shelf, checked);
  await checked.save();
  return catalog;
}

/**
 * The file: one JSON map, `format`, `build`, the sha256 of what follows `"entries":` as written, then
 * the banks by hash. A file cut short or edited by hand fails the sum and is ignored (then rewritten).
 */
export class CheckedBankFile implements CheckedBanks {
  private readonly used = new Map<string, CheckedBank>();
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly banks: ReadonlyMap<string, CheckedBank>,
  ) {}

  static load(home: string): CheckedBankFile {
    return CheckedBankFile.at(checkedBanksFile(home));
  }

  static at(path: string): CheckedBankFile {
    return new CheckedBankFile(path, readBanks(path));
  }

  get(hash: string): CheckedBank | undefined {
    const bank = this.banks.get(hash);
    if (bank) this.used.set(hash, bank);
    return bank;
  }

  set(hash: string, bank: CheckedBank): void {
    this.used.set(hash, bank);
    this.dirty = true;
  }

  /** Writes the banks used this time (a bank file no longer on the shelf is dropped), when one is new. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const entries = JSON.stringify(Object.fromEntries(this.used));
    const text = `${head(sumOf(entries))}${entries}}\n`;
    try {
      await mkdir(join(this.path, '..'), { recursive: true });
      await writeFileAtomic(join(this.path, '..', '.gitignore'), '*\n', {
        exclusive: true,
        disposable: true,
      }).catch(() => undefined);
      await writeFileAtomic(this.path, text, { disposable: true });
    } catch {
      // A read-only data folder still works; it checks its banks every time.
    }
  }
}

/** What comes before the entries: they are checked against the sum without parsing them twice. */
function head(sum: string): string {
  return `{"format":${FORMAT},"build":${JSON.stringify(BUILD)},"sum":"${sum}","entries":`;
}

function readBanks(path: string): Map<string, CheckedBank> {
  try {
    const text = readFileSync(path, 'utf8').trimEnd();
    const sum = /^\{"format":\d+,"build":"[^"]*","sum":"([0-9a-f]{64})","entries":/.exec(text)?.[1];
    if (!sum || !text.endsWith('}')) return new Map();
    const entries = text.slice(head(sum).length, -1);
    if (!text.startsWith(head(sum)) || sumOf(entries) !== sum) return new Map();
    const banks = JSON.parse(entries) as unknown;
    return isObject(banks) ? new Map(Object.entries(banks as Record<string, CheckedBank>)) : new Map();
  } catch {
    return new Map();
  }
}

function sumOf(body: string): string {
  return crypto().createHash('sha256').update(body).digest('hex');
}
