// A bank's outline: what briefings and listings need of a bank (its questions, not its conditions),
// cached so they never load the YAML parser, zod or the expression engine.
import type { Loop } from '../journey/loop.js';
import { stampOf } from '../store/session-index.js';
import { StatCache } from '../store/stat-cache.js';
import type { QuestionBank } from './bank.js';
import { bankFiles } from './location.js';

export interface OutlineQuestion {
  id: string;
  ask: string;
  required: boolean;
  role?: 'problem_statement' | undefined;
}

export interface BankOutline {
  id: string;
  version: number;
  loop: Loop;
  title: string;
  hash: string;
  file: string;
  /** Every question, follow-ups in place. */
  questions: OutlineQuestion[];
}

export function outlineOf(bank: QuestionBank): BankOutline {
  return {
    id: bank.id,
    version: bank.version,
    loop: bank.loop,
    title: bank.title,
    hash: bank.hash,
    file: bank.file,
    questions: bank.all.map((q) => ({
      id: q.id,
      ask: q.ask,
      required: q.required,
      ...(q.role ? { role: q.role } : {}),
    })),
  };
}

function isOutline(value: unknown): value is BankOutline {
  const v = value as Partial<BankOutline> | undefined;
  return typeof v?.id === 'string' && typeof v.loop === 'string' && Array.isArray(v.questions);
}

/**
 * Outlines of the banks in use for a data folder (overrides applied); the banks themselves are
 * loaded only when a bank file changed since the outlines were cached.
 */
export async function catalogOutlines(home: string): Promise<BankOutline[]> {
  const files = await bankFiles(home);
  const cache = StatCache.load(home, 'banks.json', isOutline);
  const cached = files.map((file) => {
    const stamp = stampOf(file.path);
    return stamp ? cache.get(file.path, stamp) : undefined;
  });
  if (cached.every((o): o is BankOutline => o !== undefined)) return effective(cached);
  const { loadCatalog } = await import('./catalog.js');
  const outlines = (await loadCatalog(home)).entries.map((e) => outlineOf(e.bank));
  for (const outline of outlines) {
    const stamp = stampOf(outline.file);
    if (stamp) cache.set(outline.file, stamp, outline);
  }
  // Only a catalog without broken or clashing files can be answered from the cache next time.
  if (outlines.length === files.length) await cache.save();
  return outlines;
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
