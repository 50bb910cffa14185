// `journey bank lint`: every problem in a set of bank files, errors and warnings, in one pass.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SessionSummary } from '../journey/account.js';
import { flattenQuestions } from './bank.js';
import { type BankFile, buildBanks, type Catalog, knowledgeIdsOf, readBankYaml } from './catalog.js';
import { yamlFilesIn } from './location.js';
import { bankPaths } from './parse.js';
import { byPosition, type SourceProblem } from './source.js';
import { bankWarnings, loopMismatch } from './warnings.js';

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

export async function lintBanks(
  files: readonly string[],
  catalog: Catalog,
  sessions: readonly SessionSummary[],
): Promise<LintReport> {
  const bankFiles: BankFile[] = files.map((path) => ({ path, source: 'file' }));
  const catalogBanks = catalog.entries.map((e) => e.bank);
  const { built, problems: failed } = await buildBanks(bankFiles, knowledgeIdsOf(catalogBanks));
  const problems: SourceProblem[] = failed.flatMap((f) => f.problems);
  const others = [...catalogBanks, ...built.map((b) => b.bank)].map((b) => ({
    id: b.id,
    questions: flattenQuestions(b.questions).map((q) => q.id),
  }));
  for (const { file, bank } of built) {
    const yaml = await readBankYaml(file.path);
    if (!yaml.ok) continue;
    const paths = bankPaths(yaml.value);
    problems.push(...loopMismatch(bank, yaml.source, sessions));
    problems.push(
      ...bankWarnings({
        bank,
        source: yaml.source,
        paths,
        others: others.filter((o) => o !== undefined),
        sessions,
      }),
    );
  }
  // A file that overrides a catalog bank with another loop is an error where it is used.
  problems.push(
    ...catalog.problems.filter(
      (p) => files.includes(p.file) && !problems.some((q) => q.file === p.file && q.message === p.message),
    ),
  );
  problems.sort(byPosition);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { files: [...files], problems, errors, warnings: problems.length - errors };
}
