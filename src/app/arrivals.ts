// After a pull of a shared data folder: the sessions and records that arrived, reviewed against the
// merged history of each account they belong to (journey/merge-review.ts). The loop-backs that
// history shows and no session raised are written as `flag_raised` records (append-only, a unique
// name each: two clones raising the same flag make two files, one flag); the sessions that could not
// be reviewed (their bank version is not here) and the conflicts found are returned for the summary.
import { join, resolve } from 'node:path';
import type { QuestionBank } from '../bank/bank.js';
import type { CatalogEntry } from '../bank/catalog.js';
import { bankInUse } from '../journey/bank-in-use.js';
import { type BankRef, type MergeReview, reviewMerged } from '../journey/merge-review.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';
import { shelfBankRefs } from '../store/bank-outlines.js';
import { bankShelf } from '../store/bank-shelf.js';
import { readDataFile } from '../store/data-files.js';
import { RECORD_FILE } from '../store/limits.js';
import { accountsDir, inside } from '../store/paths.js';
import { readRecordsIn } from '../store/records.js';
import { readSessionFolder } from '../store/sessions.js';
import { accountKey } from '../store/slug.js';

/** One account's review, with where it lives and the record files it wrote. */
export interface AccountArrivals extends MergeReview {
  /** The account's folder name under accounts/. */
  slug: string;
  /** The flag_raised record files written, one per raised flag, in order. */
  written: string[];
}

export interface ArrivalReview {
  accounts: AccountArrivals[];
  /** Files that arrived but could not be read (each a one-line message naming the file). */
  problems: string[];
}

export interface Arrived {
  /** Data-folder-relative paths of the files that arrived (accounts/<slug>/…). */
  paths: readonly string[];
  /**
   * Data-folder-relative paths of the files this clone recorded that the other side had not seen
   * (what the sync pushes), when known: a close among them and one that arrived were made
   * independently. Without it, two closes next to each other by different reps are taken to be.
   */
  local?: readonly string[] | undefined;
}

export async function reviewArrivals(
  home: string,
  arrived: Arrived,
  context: { rep: string | undefined; now: Date },
): Promise<ArrivalReview> {
  const byAccount = groupByAccount(arrived.paths);
  const localByAccount = groupByAccount(arrived.local ?? []);
  const out: ArrivalReview = { accounts: [], problems: [] };
  if (byAccount.size === 0) return out;
  // The shelf's banks are loaded only for calls that ran with one of them (known from the cached outlines).
  const onShelf = await shelfBankRefs(home);
  let loaded: CatalogEntry[] | undefined;
  const banksFor = async (sessions: readonly Session[]): Promise<CatalogEntry[]> => {
    if (onShelf && !sessions.some((s) => onShelf.has(`${s.bank.id}@${s.bank.hash}`))) return [];
    loaded ??= await shelfBanks(home);
    return loaded;
  };
  for (const [slug, paths] of byAccount) {
    const dir = inside(home, join(accountsDir(home), slug));
    const folder = await readSessionFolder(home, dir, slug);
    // A file that arrived and cannot be read is said, not skipped silently.
    const named = paths.sessions.map((p) => resolve(home, p));
    out.problems.push(...folder.problems.filter((problem) => named.some((file) => problem.startsWith(file))));
    const newest = folder.sessions.at(-1);
    if (!newest) continue;
    // Sessions of another name left in the folder are not this account's (as readAccount has it).
    const key = accountKey(newest.account);
    const sessions = folder.sessions.filter((s) => accountKey(s.account) === key);
    const { records } = await readRecordsIn(dir);
    const files = new Map([...folder.files].map(([id, file]) => [resolve(file), id]));
    const arrivedSessions = paths.sessions.flatMap((p) => files.get(resolve(home, p)) ?? []);
    const arrivedRecords = await recordsAt(home, paths.records, records, out.problems);
    const localRecords = arrived.local
      ? await recordsAt(home, localByAccount.get(slug)?.records ?? [], records, out.problems)
      : undefined;
    const banks = await banksFor(sessions);
    const review = reviewMerged({
      account: { name: newest.account, sessions, records },
      arrived: { sessions: arrivedSessions, records: arrivedRecords },
      ...(localRecords ? { local: { records: localRecords } } : {}),
      bankOf: (ref) => bankOf(banks, ref),
      knowledge: bankInUse(sessions, 'knowledge', latestBanks(banks)),
      now: context.now,
      rep: context.rep,
    });
    const { writeRecord } = await import('../store/records.js');
    const written: string[] = [];
    for (const raised of review.raised) written.push(await writeRecord(home, raised.record, context.now));
    if (
      review.reviewed > 0 ||
      review.raised.length > 0 ||
      review.skipped.length > 0 ||
      review.conflicts.length > 0
    )
      out.accounts.push({ ...review, slug, written });
  }
  return out;
}

interface AccountPaths {
  sessions: string[];
  records: string[];
}

/** Arrived paths by account folder: session files (accounts/<slug>/<id>.yaml) and records. */
function groupByAccount(paths: readonly string[]): Map<string, AccountPaths> {
  const groups = new Map<string, AccountPaths>();
  for (const raw of paths) {
    const path = raw.replace(/\\/g, '/');
    const found = /^accounts\/([^/]+)\/(?:(records)\/)?([^/]+\.ya?ml)$/.exec(path);
    if (!found || found[1]?.startsWith('.') || found[3]?.startsWith('.')) continue;
    const slug = found[1] as string;
    const group = groups.get(slug) ?? { sessions: [], records: [] };
    (found[2] ? group.records : group.sessions).push(path);
    groups.set(slug, group);
  }
  return groups;
}

/**
 * The account's records that these files hold: each file read on its own and matched with the
 * record read from the folder (the same parser and schema, so the same value).
 */
async function recordsAt(
  home: string,
  paths: readonly string[],
  records: readonly AccountRecord[],
  problems: string[],
): Promise<AccountRecord[]> {
  if (paths.length === 0) return [];
  const [{ readYaml }, { AccountRecordSchema }] = await Promise.all([
    import('../yaml/source.js'),
    import('../model/records.js'),
  ]);
  const byValue = new Map(records.map((r) => [JSON.stringify(r), r]));
  const found: AccountRecord[] = [];
  for (const path of paths) {
    const file = inside(home, resolve(home, path));
    const read = readDataFile(file, RECORD_FILE);
    // Gone since (a later commit removed it) or unreadable: the folder's own read reports it.
    if (!read.ok) continue;
    const yaml = readYaml(read.text, file);
    const parsed = yaml.ok ? AccountRecordSchema.safeParse(yaml.value) : undefined;
    const record = parsed?.success ? byValue.get(JSON.stringify(parsed.data)) : undefined;
    if (record) found.push(record);
    else problems.push(`${file}: arrived, but is not a record this journey can read; it was not reviewed`);
  }
  return found;
}

/** Every bank on the shelf, those a later one overrides included (an older session may have run one). */
async function shelfBanks(home: string): Promise<CatalogEntry[]> {
  const { loadCatalog } = await import('../bank/catalog.js');
  const { entries } = await loadCatalog(await bankShelf(home));
  return entries;
}

function latestBanks(entries: readonly CatalogEntry[]): QuestionBank[] {
  return entries.map((e) => e.bank);
}

/** The bank that ran a session: its id at its very hash, in use or overridden. */
function bankOf(entries: readonly CatalogEntry[], ref: BankRef): QuestionBank | undefined {
  for (const entry of entries) {
    for (let e: CatalogEntry | undefined = entry; e; e = e.overrides) {
      if (e.bank.id === ref.id && e.bank.hash === ref.hash) return e.bank;
    }
  }
  return undefined;
}
