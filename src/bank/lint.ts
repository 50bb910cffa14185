// `journey bank lint`: every problem in a set of bank files, errors and warnings, in one pass.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SessionSummary } from '../model/account.js';
import { byPosition, type SourceProblem } from '../yaml/positions.js';
import { type BankFile, buildBanks } from './catalog.js';
import type { CheckedBanks } from './checked.js';
import { yamlFilesIn } from './location.js';
import type { BankOutline } from './outline.js';
import { bankPaths } from './raw.js';
import { bankWarnings, loopMismatches } from './warnings.js';

export interface LintReport {
  files: string[];
  problems: SourceProblem[];
  errors: number;
  warnings: number;
}

/** Files named, and the bank files inside folders named. */
export function expandBankPaths(paths: readonly string[], cwd: string): string[] {
  return paths.flatMap((p) => {
    const full = resolve(cwd, p);
    try {
      return statSync(full).isDirectory() ? yamlFilesIn(full) : [full];
    } catch {
      return [full];
    }
  });
}

/**
 * Lints bank files against the banks already in use (their outlines: no need to parse them again)
 * and the sessions in the data folder. With `checked`, a file checked in full before (same text, same
 * Knowledge questions) is built from what was kept of it, without parsing it again; its warnings are
 * worked out anew, and read its YAML only to say where one is.
 */
export async function lintBanks(
  files: readonly string[],
  inUse: readonly BankOutline[],
  sessions: readonly SessionSummary[],
  checked?: CheckedBanks,
): Promise<LintReport> {
  const bankFiles: BankFile[] = files.map((path) => ({ path, source: 'file' }));
  const knowledgeIds = new Set(
    inUse.filter((o) => o.loop === 'knowledge').flatMap((o) => o.questions.map((q) => q.id)),
  );
  const { built, problems: failed } = await buildBanks(bankFiles, knowledgeIds, checked);
  const problems: SourceProblem[] = failed.flatMap((f) => f.problems);
  const others = [
    ...inUse
      .filter((o) => !files.includes(o.file))
      .map((o) => ({ id: o.id, questions: o.questions.map((q) => q.id) })),
    ...built.map((b) => ({ id: b.bank.id, questions: b.bank.all.map((q) => q.id) })),
  ];
  for (const { bank, source, value } of built) {
    problems.push(...loopMismatches(bank, source, sessions, inUse));
    problems.push(...bankWarnings({ bank, source, paths: bankPaths(value), others, sessions }));
  }
  problems.sort(byPosition);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { files: [...files], problems, errors, warnings: problems.length - errors };
}
