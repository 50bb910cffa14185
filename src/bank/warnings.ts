// What lint warns about in a bank that loads: things that work but will disappoint a rep or a
// trainer later. Pure: the bank, where its parts are, and what else is known.
import type { SessionSummary } from '../model/account.js';
import type { Question } from '../model/question.js';
import { ROLE_USES, ROLES } from '../model/roles.js';
import { locate, locateInScalar, type Path, type SourceProblem, type YamlSource } from '../yaml/positions.js';
import type { QuestionBank } from './bank.js';
import type { ChoiceTest } from './conditions.js';

export interface WarningInput {
  bank: QuestionBank;
  source: YamlSource;
  paths: { questions: Map<string, Path>; rules: Map<string, Path> };
  /** Other banks (by id) and their question ids, to catch near-identical ids. */
  others: readonly { id: string; questions: readonly string[] }[];
  /** Sessions in the data folder, to catch content changed without a new version. */
  sessions: readonly SessionSummary[];
}

export function bankWarnings(input: WarningInput): SourceProblem[] {
  return [
    ...coachingWarnings(input),
    ...impossibleFollowUps(input),
    ...ruleWarnings(input),
    ...missingRoles(input),
    ...callLength(input),
    ...lookalikeIds(input),
    ...versionWarning(input),
  ];
}

function warn(source: YamlSource, path: Path, message: string, key = false): SourceProblem {
  const { line, col } = locate(source, path, { key });
  return { file: source.file, line, col, severity: 'warning', message };
}

function coachingWarnings({ bank, source, paths }: WarningInput): SourceProblem[] {
  return bank.all.flatMap((q) => {
    const missing = [q.why ? '' : '"why"', q.listenFor.length > 0 ? '' : '"listen_for"'].filter(Boolean);
    if (missing.length === 0) return [];
    return [
      warn(
        source,
        [...(paths.questions.get(q.id) ?? []), 'id'],
        `question "${q.id}" has no ${missing.join(' or ')}: the rep gets no coaching for it`,
      ),
    ];
  });
}

/** A test of a choice answer against a text that is not one of its choices can never hold. */
function offChoice(test: ChoiceTest, questions: ReadonlyMap<string, Question>): Question | undefined {
  const q = questions.get(test.question);
  if (!q || (q.type !== 'choice' && q.type !== 'multi') || q.other) return undefined;
  return q.choices.some((c) => c.id === test.value) ? undefined : q;
}

function impossibleFollowUps({ bank, source, paths }: WarningInput): SourceProblem[] {
  const questions = bank.byId;
  return bank.all.flatMap((q) => {
    if (!q.parent) return [];
    return (bank.conditionChoiceTests.get(q.id) ?? []).flatMap((test) => {
      const parent = test.question === q.parent ? offChoice(test, questions) : undefined;
      if (!parent) return [];
      const { line, col } = locateInScalar(
        source,
        [...(paths.questions.get(q.id) ?? []), 'when'],
        test.offset,
      );
      const choices = parent.choices.map((c) => c.id).join(', ');
      return [
        {
          file: source.file,
          line,
          col,
          severity: 'warning' as const,
          message: `follow-up "${q.id}" can never be asked: "${test.value}" is not a choice of "${parent.id}" (choices: ${choices})`,
        },
      ];
    });
  });
}

function ruleWarnings({ bank, source, paths }: WarningInput): SourceProblem[] {
  const questions = bank.byId;
  return bank.rules.flatMap((rule) => {
    const path = paths.rules.get(rule.id) ?? [];
    const out: SourceProblem[] = [];
    if (rule.dependsOn.length === 0) {
      out.push(
        warn(
          source,
          [...path, 'id'],
          `rule "${rule.id}" names no question of this bank: it is checked once, at the start of every session`,
        ),
      );
    }
    if (rule.everyTime && rule.kind === 'loop_back') {
      out.push(
        warn(
          source,
          [...path, 'every_time'],
          `rule "${rule.id}" is a loop-back with every_time: it raises a flag in every session in which it holds, even when nothing changed (every_time is meant for tips)`,
          true,
        ),
      );
    }
    for (const test of rule.choiceTests) {
      const q = offChoice(test, questions);
      if (!q) continue;
      const { line, col } = locateInScalar(source, [...path, 'when'], test.offset);
      out.push({
        file: source.file,
        line,
        col,
        severity: 'warning',
        message: `rule "${rule.id}" tests "${q.id}" for "${test.value}", which is not one of its choices (${q.choices.map((c) => c.id).join(', ')})`,
      });
    }
    return out;
  });
}

/** A loop's bank without a question for a role the product uses leaves that part of the product blank. */
/**
 * A bank written for a call of `minutes` should fit its core questions in it (at seconds_per_question
 * each, follow-ups and probing included): `journey start --quick` asks only those.
 */
function callLength({ bank, source, paths }: WarningInput): SourceProblem[] {
  if (bank.minutes === undefined) return [];
  const core = bank.all.filter((q) => q.core);
  if (core.length === 0) {
    return [
      warn(
        source,
        ['minutes'],
        'no question is marked `core: true`: journey start --quick would ask none',
        true,
      ),
    ];
  }
  const seconds = core.length * bank.secondsPerQuestion;
  if (seconds <= bank.minutes * 60) return [];
  const fits = Math.floor((bank.minutes * 60) / bank.secondsPerQuestion);
  const last = core.at(-1);
  return [
    warn(
      source,
      last ? [...(paths.questions.get(last.id) ?? []), 'core'] : ['minutes'],
      `${core.length} core questions take about ${Math.round(seconds / 60)} minutes at ${bank.secondsPerQuestion} s each, more than this bank's ${bank.minutes}: keep ${fits} or fewer core, or raise minutes`,
      true,
    ),
  ];
}

function missingRoles({ bank, source }: WarningInput): SourceProblem[] {
  return ROLES.filter(
    (role) => ROLE_USES[role].loop === bank.loop && !bank.all.some((q) => q.role === role),
  ).map((role) =>
    warn(
      source,
      ['loop'],
      `a ${capitalised(bank.loop)} bank should mark one question \`role: ${role}\`: without it ${ROLE_USES[role].withoutIt}`,
    ),
  );
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const loose = (id: string) => id.toLowerCase().replace(/[-_\s]/g, '');

function lookalikeIds({ bank, source, paths, others }: WarningInput): SourceProblem[] {
  const out: SourceProblem[] = [];
  for (const other of others) {
    if (other.id !== bank.id && loose(other.id) === loose(bank.id)) {
      out.push(
        warn(
          source,
          ['id'],
          `bank id "${bank.id}" differs from bank "${other.id}" only by case or separator`,
        ),
      );
    }
  }
  // One pass over the other banks: each loose form of an id, and how it is spelled there.
  const spellings = new Map<string, { id: string; bank: string }>();
  for (const other of others) {
    if (other.id === bank.id) continue;
    for (const id of other.questions)
      if (!spellings.has(loose(id))) spellings.set(loose(id), { id, bank: other.id });
  }
  for (const q of bank.all) {
    const twin = spellings.get(loose(q.id));
    if (!twin || twin.id === q.id) continue;
    const path = [...(paths.questions.get(q.id) ?? []), 'id'];
    const message = `question id "${q.id}" differs from "${twin.id}" in bank ${twin.bank} only by case or separator: earlier answers are shared only under the exact same id`;
    out.push(warn(source, path, message));
  }
  return out;
}

function versionWarning({ bank, source, sessions }: WarningInput): SourceProblem[] {
  const stale = sessions.filter(
    (s) =>
      s.bank.id === bank.id && s.bank.version === bank.version && s.bank.hash && s.bank.hash !== bank.hash,
  );
  if (stale.length === 0) return [];
  return [
    warn(
      source,
      ['version'],
      `the content changed since ${stale.length} session(s) were recorded with version ${bank.version}: raise "version" so their records stay traceable`,
    ),
  ];
}

/**
 * Errors about where a bank is used: sessions recorded it in another loop, or it would override a
 * bank in use that has another loop. Either way its loop no longer matches where it is used.
 */
export function loopMismatches(
  bank: QuestionBank,
  source: YamlSource,
  sessions: readonly SessionSummary[],
  inUse: readonly { id: string; file: string; loop: string }[],
): SourceProblem[] {
  const messages: string[] = [];
  const other = sessions.find((s) => s.bank.id === bank.id && s.loop !== bank.loop);
  if (other) {
    messages.push(
      `sessions in the data folder used bank "${bank.id}" in the ${other.loop} loop, but it is now for the ${bank.loop} loop: a bank's loop must match where it is used`,
    );
  }
  const twin = inUse.find((o) => o.id === bank.id && o.file !== bank.file && o.loop !== bank.loop);
  if (twin) {
    messages.push(
      `bank "${bank.id}" is a ${twin.loop} bank in ${twin.file}: an override must keep its loop (${bank.loop} here); give this bank another id`,
    );
  }
  if (messages.length === 0) return [];
  const { line, col } = locate(source, ['loop']);
  return messages.map((message) => ({ file: source.file, line, col, severity: 'error' as const, message }));
}
