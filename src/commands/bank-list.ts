import type { CatalogEntry } from '../bank/catalog.js';
import { type BankFolder, type BankShelf, folderOf } from '../bank/location.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { formatProblem } from '../yaml/positions.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankListOptions extends GlobalOptions {
  json: boolean;
}

export interface BankShowOptions extends GlobalOptions {
  bank: string;
  json: boolean;
}

/** The shelf folder a bank in use was read from: a team folder or git bank, with its label and commit. */
const folderOfEntry = (shelf: BankShelf, entry: CatalogEntry) =>
  folderOf(shelf, { path: entry.bank.file, source: entry.source });

export async function bankList(options: BankListOptions): Promise<void> {
  const shelf = await bankShelf(findHome(options).dir);
  const { loadCatalog } = await import('../bank/catalog.js');
  const catalog = await loadCatalog(shelf);
  // A problem that is a warning already says so (a git bank not fetched yet).
  for (const problem of catalog.problems)
    output.err(`${problem.severity === 'warning' ? '' : 'warning: '}${safeText(formatProblem(problem))}`);
  const folders = catalog.entries.map((e) => folderOfEntry(shelf, e));
  const rows = catalog.entries.map((e, i) => ({
    id: e.bank.id,
    version: e.bank.version,
    loop: e.bank.loop,
    title: e.bank.title,
    questions: countQuestions(e),
    rules: e.bank.rules.length,
    examples: e.bank.examples.length,
    source: e.source,
    file: e.bank.file,
    overrides: e.overrides ? { source: e.overrides.source, file: e.overrides.bank.file } : null,
    /** built-in, home, the team folder as config.yaml names it, or the git URL with its #ref. */
    from: folders[i]?.label ?? e.source,
    /** A bank from git: where from, and the commit in use; null for the others. */
    git: gitOf(folders[i]),
  }));
  if (options.json) {
    output.json(rows);
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(rows)]);
  const [{ renderTable }, { bankOrigin }] = await Promise.all([
    import('../ui/render.js'),
    import('../ui/render-bank.js'),
  ]);
  const origin = (e: CatalogEntry, i: number) => {
    const overrides = e.overrides ? `, overrides the ${e.overrides.source} one` : '';
    return `${bankOrigin(folders[i], e.source)}${overrides}`;
  };
  output.out(
    renderTable({
      head: ['ID', 'VERSION', 'LOOP', 'QUESTIONS', 'RULES', 'FROM', 'TITLE'],
      rows: catalog.entries.map((e, i) => [
        e.bank.id,
        String(e.bank.version),
        e.bank.loop,
        String(rows[i]?.questions),
        String(e.bank.rules.length),
        origin(e, i),
        e.bank.title,
      ]),
    }),
  );
}

function gitOf(folder: BankFolder | undefined) {
  const git = folder?.git;
  return git ? { url: git.url, ref: git.ref ?? null, path: git.path ?? null, commit: git.commit } : null;
}

function countQuestions(entry: CatalogEntry): number {
  return entry.bank.all.length;
}

export async function bankShow(options: BankShowOptions): Promise<void> {
  const shelf = await bankShelf(findHome(options).dir);
  const { findBank } = await import('../bank/catalog.js');
  const bank = await findBank(options.bank, options.cwd, shelf);
  const { bankView, renderBank } = await import('../ui/render-bank.js');
  if (options.json) output.json(bankView(bank));
  else output.out(renderBank(bank));
}
