import type { CatalogEntry } from '../bank/catalog.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { formatProblem } from '../yaml/source.js';
import { findHome, type GlobalOptions } from './context.js';

export interface BankListOptions extends GlobalOptions {
  json: boolean;
}

export interface BankShowOptions extends GlobalOptions {
  bank: string;
  json: boolean;
}

function origin(entry: CatalogEntry): string {
  const overrides = entry.overrides ? `, overrides the ${entry.overrides.source} one` : '';
  return `${entry.source}${overrides}`;
}

export async function bankList(options: BankListOptions): Promise<void> {
  const shelf = await bankShelf(findHome(options).dir);
  const { loadCatalog } = await import('../bank/catalog.js');
  const catalog = await loadCatalog(shelf);
  for (const problem of catalog.problems) output.err(`warning: ${safeText(formatProblem(problem))}`);
  const rows = catalog.entries.map((e) => ({
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
  }));
  if (options.json) {
    output.json(rows);
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(rows)]);
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['ID', 'VERSION', 'LOOP', 'QUESTIONS', 'RULES', 'FROM', 'TITLE'],
      rows: catalog.entries.map((e, i) => [
        e.bank.id,
        String(e.bank.version),
        e.bank.loop,
        String(rows[i]?.questions),
        String(e.bank.rules.length),
        origin(e),
        e.bank.title,
      ]),
    }),
  );
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
