// Runs stay linear in their size because OpenQuestions keeps which questions are open answer by
// answer instead of re-evaluating the bank. It must give exactly what the reference rules give
// (isOpen, nextQuestion, recordAnswer, the runner's old position count, conditionContext,
// fireRules), whatever the bank and whatever order answers come in: checked on random banks and
// random runs, with going back, skips, failing conditions and conditions that read every answer.
// Timing lives in bench/scripted-scale.mjs; here a large run only has to finish and ask the right
// questions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuestionBank } from '../../src/bank/bank.js';
import type { ConditionRuntimeError } from '../../src/bank/conditions.js';
import { type Background, NO_BACKGROUND } from '../../src/journey/background.js';
import {
  answersOf,
  entryFor,
  isOpen,
  makeEntry,
  nextQuestion,
  OpenQuestions,
  questionBefore,
  recordAnswer,
} from '../../src/journey/interview.js';
import { conditionContext } from '../../src/journey/previous.js';
import { fireRules, nothingRaised } from '../../src/journey/review.js';
import { runInterview } from '../../src/journey/runner.js';
import { checkScriptedAnswers, scriptedPrompts } from '../../src/journey/scripted.js';
import { newSession } from '../../src/journey/session.js';
import type { AnswerValue } from '../../src/model/answer.js';
import type { Question } from '../../src/model/question.js';
import type { Session } from '../../src/model/session.js';
import { bankFrom } from '../helpers.js';

type Kind = 'text' | 'choice' | 'list';

interface Spec {
  kinds: Kind[];
  /** A condition for each question: none, or one of CONDITIONS reading another question. */
  conditions: ({ form: number; other: number } | undefined)[];
  /** Whether each question has a follow-up, and its condition on the parent. */
  followUps: (number | undefined)[];
  rules: { form: number; a: number; b: number }[];
}

/** Conditions on question `id` of kind `kind`: monotone, not, failing at run time, reading all answers. */
const CONDITIONS: ((id: string, kind: Kind) => string)[] = [
  (id) => `answered("${id}")`,
  (id) => `!answered("${id}")`,
  (id, kind) => (kind === 'list' ? `size(answers.${id}) > 1` : `answers.${id} == "yes"`),
  (id, kind) => (kind === 'text' ? `int(answers.${id}) > 5` : `has(answers.${id})`),
  (id) => `cel.bind(a, answers, has(a.${id}))`,
];

function specBank(spec: Spec): QuestionBank {
  const n = spec.kinds.length;
  // Conditions read any question of the bank, follow-ups included (other: 0…2n-1).
  const target = (other: number): { id: string; kind: Kind } => {
    const k = other % n;
    const more = other >= n && spec.followUps[k] !== undefined;
    return more ? { id: `q${k}_more`, kind: 'text' } : { id: `q${k}`, kind: spec.kinds[k] as Kind };
  };
  const condition = (form: number, other: number) => {
    const { id, kind } = target(other);
    return (CONDITIONS[form] as (id: string, kind: Kind) => string)(id, kind);
  };
  const lines = ['id: random', 'version: 1', 'loop: options', 'title: Random', 'questions:'];
  spec.kinds.forEach((kind, i) => {
    lines.push(`  - id: q${i}`, '    ask: Q?', `    type: ${kind}`);
    if (kind === 'choice') lines.push('    choices: [yes, no]');
    const c = spec.conditions[i];
    if (c) lines.push(`    when: '${condition(c.form, c.other)}'`);
    const f = spec.followUps[i];
    if (f !== undefined) {
      const when = (CONDITIONS[f] as (id: string, kind: Kind) => string)(`q${i}`, kind);
      lines.push('    follow_ups:', `      - { id: q${i}_more, ask: More?, type: text, when: '${when}' }`);
    }
  });
  if (spec.rules.length > 0) lines.push('rules:');
  spec.rules.forEach((r, i) => {
    const when = `${condition(r.form, r.a)} && answered("${target(r.b).id}")`;
    lines.push(`  - id: rule_${i}`, `    when: '${when}'`, `    tip: Rule ${i}.`, '    every_time: true');
  });
  return bankFrom(`${lines.join('\n')}\n`, 'random.yaml');
}

const specs = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom<Kind>('text', 'choice', 'list'), { minLength: n, maxLength: n }),
    conditions: fc.array(
      fc.option(fc.record({ form: fc.nat(CONDITIONS.length - 1), other: fc.nat(2 * n - 1) }), {
        nil: undefined,
      }),
      { minLength: n, maxLength: n },
    ),
    followUps: fc.array(fc.option(fc.nat(CONDITIONS.length - 1), { nil: undefined }), {
      minLength: n,
      maxLength: n,
    }),
    rules: fc.array(
      fc.record({ form: fc.nat(CONDITIONS.length - 1), a: fc.nat(2 * n - 1), b: fc.nat(2 * n - 1) }),
      {
        maxLength: 4,
      },
    ),
  }),
);

/** What to do at each step: answer the next question (or one asked before: going back), or skip it. */
const steps = fc.array(fc.record({ back: fc.nat(3), pick: fc.nat(), value: fc.nat(5), skip: fc.boolean() }), {
  minLength: 1,
  maxLength: 40,
});

function valueFor(q: Question, v: number): AnswerValue {
  if (q.type === 'list') return ['a', 'b', 'c'].slice(0, v % 4);
  if (q.type === 'choice') return v % 2 === 0 ? 'yes' : 'no';
  return ['yes', 'no', '12', '3', 'abc', 'x'][v] ?? 'x';
}

/** The runner's position count as it was: every question's openness, evaluated afresh. */
function referencePlace(bank: QuestionBank, session: Session, q: Question, background: Background) {
  const answers = answersOf(session);
  const open = bank.all.filter((x) => isOpen(bank, x, answers, background));
  const index = open.findIndex((x) => x.id === q.id);
  return {
    position: index < 0 ? session.entries.length + 1 : index + 1,
    total: Math.max(open.length, index + 1),
    canGoBack: questionBefore(session, entryFor(session, q.id) ? q.id : undefined) !== undefined,
  };
}

/** Warnings as a run records them: each message once. */
function warningLog() {
  const messages: string[] = [];
  return {
    messages,
    report: (error: ConditionRuntimeError) => {
      if (!messages.includes(error.message)) messages.push(error.message);
    },
  };
}

const BACKGROUND: Background = { ...NO_BACKGROUND, previous: { q0: 'yes', q1: ['a'] }, history: {} };

describe('OpenQuestions gives what the reference rules give (model-based, random banks and runs)', () => {
  it('next question, openness, positions, recorded entries, warnings, context and rules', () => {
    fc.assert(
      fc.property(specs, steps, fc.boolean(), (spec, plan, resumed) => {
        const bank = specBank(spec);
        const now = new Date('2026-03-01T10:00:00.000Z');
        const fresh = newSession({ id: '20260301T100000Z-options-abc', account: 'Acme', bank, now });
        // A resumed session may hold answers its bank's conditions no longer allow (the bank changed).
        const start = resumed
          ? { ...fresh, entries: bank.all.map((q, i) => makeEntry(q, valueFor(q, i % 6), now)) }
          : fresh;
        const open = new OpenQuestions(bank, BACKGROUND);
        let reference = start;
        let tracked = start;
        const refLog = warningLog();
        const openLog = warningLog();
        for (const [i, step] of plan.entries()) {
          const at = new Date(now.getTime() + (i + 1) * 1000);
          const next = nextQuestion(bank, reference, BACKGROUND, refLog.report);
          expect(open.next(tracked, openLog.report)?.id).toBe(next?.id);
          expect(openLog.messages).toEqual(refLog.messages);
          for (const q of bank.all) {
            expect(open.isOpen(q)).toBe(isOpen(bank, q, answersOf(reference), BACKGROUND));
            expect(open.placeOf(tracked, q)).toEqual(referencePlace(bank, reference, q, BACKGROUND));
          }
          const refContext = conditionContext(reference, BACKGROUND);
          const openContext = conditionContext(tracked, BACKGROUND, open);
          expect({ ...openContext.answers }).toEqual(refContext.answers);
          expect(openContext.previous).toEqual(refContext.previous);
          expect({ ...openContext.heard }).toEqual(refContext.heard);
          const review = { bank, background: BACKGROUND, now: at };
          const refFired = fireRules({ ...review, session: reference }, nothingRaised(), step.skip);
          const openFired = fireRules({ ...review, session: tracked, open }, nothingRaised(), step.skip);
          expect(openFired.tips).toEqual(refFired.tips);
          expect(openFired.warnings).toEqual(refFired.warnings);
          // Go back to an answered question now and then, else answer (or skip) the next one.
          const done = reference.entries;
          const target =
            step.back === 0 && done.length > 0
              ? bank.byId.get(done[step.pick % done.length]?.question ?? '')
              : next;
          if (!target) break;
          const value = step.skip ? undefined : valueFor(target, step.value);
          reference = recordAnswer(bank, reference, target, value, at, BACKGROUND);
          tracked = open.record(tracked, target, value, at);
          expect(tracked.entries).toEqual(reference.entries);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follows a session whose entries changed behind its back (a resumed or hand-edited one)', () => {
    const bank = specBank({
      kinds: ['choice', 'text', 'text'],
      conditions: [undefined, { form: 2, other: 0 }, undefined],
      followUps: [2, undefined, undefined],
      rules: [],
    });
    const now = new Date('2026-03-01T10:00:00.000Z');
    const start = newSession({ id: '20260301T100000Z-options-abc', account: 'Acme', bank, now });
    const q0 = bank.byId.get('q0') as Question;
    const open = new OpenQuestions(bank);
    const answered = recordAnswer(bank, start, q0, 'yes', now);
    // Entries from elsewhere, with the same question twice: the tracker counts afresh.
    const edited: Session = {
      ...answered,
      entries: [...answered.entries, { ...answered.entries[0], answer: 'no' } as never],
    };
    expect(open.next(edited)?.id).toBe(nextQuestion(bank, edited)?.id);
    const after = open.record(edited, q0, 'yes', now);
    expect(after.entries).toEqual(recordAnswer(bank, edited, q0, 'yes', now).entries);
  });
});

describe('a large bank answered by a script', () => {
  /** n questions: every fifth a choice with a follow-up asked on "yes", every seventh a list, rules spread over them. */
  function largeBank(n: number): { bank: QuestionBank; answers: Record<string, unknown>; asked: number } {
    const lines = ['id: large', 'version: 1', 'loop: options', 'title: Large', 'questions:'];
    const answers: Record<string, unknown> = {};
    let asked = 0;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) {
        lines.push(`  - id: q${i}`, '    ask: Yes or no?', '    type: choice', '    choices: [yes, no]');
        lines.push(
          '    follow_ups:',
          `      - { id: q${i}_more, ask: Why?, type: text, when: 'answers.q${i} == "yes"' }`,
        );
        answers[`q${i}`] = i % 10 === 0 ? 'yes' : 'no';
        if (i % 10 === 0) answers[`q${i}_more`] = 'Because';
        asked += i % 10 === 0 ? 2 : 1;
      } else if (i % 7 === 0) {
        lines.push(`  - { id: q${i}, ask: Who?, type: list }`);
        answers[`q${i}`] = ['Dana'];
        asked++;
      } else if (i % 11 === 0) {
        lines.push(`  - { id: q${i}, ask: Then?, type: text, when: '!answered("q${i - 1}")' }`);
        asked += 0;
      } else {
        lines.push(`  - { id: q${i}, ask: Q?, type: text }`);
        answers[`q${i}`] = 'a';
        asked++;
      }
    }
    lines.push('rules:');
    for (let r = 0; r < 20; r++) {
      const a = Math.floor(((r + 1) * n) / 21 / 10) * 10;
      lines.push(
        `  - id: rule_${r}`,
        `    when: 'answers.q${a} == "yes" && answered("q${a + 1}")'`,
        `    tip: Rule ${r}.`,
      );
    }
    return { bank: bankFrom(`${lines.join('\n')}\n`, 'large.yaml'), answers, asked };
  }

  it('asks every open question once, fires its rules, and completes', async () => {
    const { bank, answers, asked } = largeBank(3000);
    const prompts = scriptedPrompts(checkScriptedAnswers(bank, answers, 'large.json'), 'large.json');
    const now = new Date('2026-03-01T10:00:00.000Z');
    const result = await runInterview({
      bank,
      session: newSession({ id: '20260301T100000Z-options-abc', account: 'Acme', bank, now }),
      prompts,
      save: async () => {},
      clock: () => now,
    });
    expect(result.outcome).toBe('complete');
    expect(prompts.asked()).toHaveLength(asked);
    expect(prompts.unused()).toEqual([]);
    expect(result.session.entries).toHaveLength(asked);
    expect(result.session.tips.map((t) => t.rule)).toEqual(Array.from({ length: 20 }, (_, r) => `rule_${r}`));
  });
});
