// A bank's outline: what briefings and listings need of a bank (its questions, not its conditions),
// cached so they never load the YAML parser, zod or the expression engine.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Loop } from '../journey/loop.js';
import { stampOf } from '../store/session-index.js';
import { StatCache } from '../store/stat-cache.js';
import { flattenQuestions, type QuestionBank } from './bank.js';
import { builtinBankDir } from './location.js';

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
    questions: flattenQuestions(bank.questions).map((q) => ({
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

/** Outlines of the built-in banks; the banks themselves are loaded only when one changed. */
export async function builtinOutlines(home: string): Promise<BankOutline[]> {
  const dir = builtinBankDir();
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
  const cache = StatCache.load(home, 'banks.json', isOutline);
  const cached = files.map((file) => {
    const stamp = stampOf(file);
    return stamp ? cache.get(file, stamp) : undefined;
  });
  if (cached.every((o): o is BankOutline => o !== undefined)) return cached;
  const { loadBuiltinBanks } = await import('./catalog.js');
  const outlines = (await loadBuiltinBanks()).map(outlineOf);
  for (const outline of outlines) {
    const stamp = stampOf(outline.file);
    if (stamp) cache.set(outline.file, stamp, outline);
  }
  await cache.save();
  return outlines;
}
