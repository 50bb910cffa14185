// A bank's outline: what briefings and listings need of a bank (its questions, not its conditions),
// small enough to cache (store/bank-outlines.ts) so they never load the YAML parser, zod or CEL.
import type { Loop } from '../model/loop.js';
import type { Role } from '../model/roles.js';
import type { QuestionBank } from './bank.js';

export interface OutlineQuestion {
  id: string;
  ask: string;
  required: boolean;
  role?: Role | undefined;
  /** Shown in prep's deal facts with its latest answer. */
  brief: boolean;
  /** The short label of that fact, when the bank gives one. */
  label?: string | undefined;
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
      brief: q.brief,
      ...(q.label ? { label: q.label } : {}),
    })),
  };
}

/** Which question of each bank holds each role. */
export function roleIndex(outlines: readonly BankOutline[]): Map<string, Partial<Record<Role, string>>> {
  const index = new Map<string, Partial<Record<Role, string>>>();
  for (const outline of outlines) {
    const roles: Partial<Record<Role, string>> = {};
    for (const q of outline.questions) if (q.role) roles[q.role] = q.id;
    index.set(outline.id, roles);
  }
  return index;
}
