// The question-bank format, version 1: the one zod schema every bank is read through.
import { z } from 'zod';
import { LOOPS } from '../model/loop.js';
import { QUESTION_TYPES, type QuestionType } from '../model/question.js';
import { ROLES, type Role } from '../model/roles.js';
import { MeasureValueSchema } from '../model/session-schema.js';

const snakeId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use snake_case: lowercase letters, digits and _, starting with a letter');
const bankId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a lowercase slug: letters, digits and single dashes');
const text = z.string().trim().min(1, 'must not be empty');

export const ChoiceSchema = z.union([text, z.strictObject({ id: snakeId, label: text })]);

/** Something to listen for: a text, or a cue with an id the rep can tick as heard (heard()). */
export const ListenForSchema = z.union([text, z.strictObject({ id: snakeId, text })]);

const QuestionFields = {
  id: snakeId,
  ask: text,
  type: z.enum(QUESTION_TYPES),
  why: text.optional(),
  listen_for: z.array(ListenForSchema).optional(),
  required: z.boolean().optional(),
  tags: z.array(text).optional(),
  when: text.optional(),
  choices: z.array(ChoiceSchema).min(1, 'needs at least one choice').optional(),
  other: z.boolean().optional(),
  /** For a choice or multi: the choices are in order, first = lowest (increased()/decreased()). */
  ordered: z.boolean().optional(),
  unit: text.optional(),
  /** For a measure: which way is better. Asked the first time it is taken when not given here. */
  direction: z.enum(['higher', 'lower']).optional(),
  /** For a measure: Knowledge-loop number answers that give its baseline and target. */
  baseline_from: snakeId.optional(),
  target_from: snakeId.optional(),
  /** For a measure: the Knowledge-loop date answer by which the target should be reached. */
  by_from: snakeId.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  labels: z.strictObject({ min: text.optional(), max: text.optional() }).optional(),
  placeholder: text.optional(),
  tracks: z.literal('problem', { error: 'the only value is "problem"' }).optional(),
  role: z.enum(ROLES, { error: `the roles are: ${ROLES.join(', ')}` }).optional(),
  /** One of the questions `journey start --quick` asks: what a short call cannot do without. */
  core: z.boolean().optional(),
  /** A note the rep fills in themselves (a classification), never read out to the buyer. */
  ask_rep: z.boolean().optional(),
  /**
   * Shown with its latest answer in prep's deal facts (budget, decision date, next step…): `true`,
   * or the short label the fact goes by ("Decision date").
   */
  brief: z
    .union([z.boolean(), z.string().trim().min(1).max(40, 'a fact label is at most 40 characters')])
    .optional(),
};
export const QUESTION_KEYS = [...Object.keys(QuestionFields), 'follow_ups'];

export interface QuestionInput {
  id: string;
  ask: string;
  type: QuestionType;
  why?: string | undefined;
  listen_for?: z.infer<typeof ListenForSchema>[] | undefined;
  required?: boolean | undefined;
  tags?: string[] | undefined;
  when?: string | undefined;
  choices?: z.infer<typeof ChoiceSchema>[] | undefined;
  other?: boolean | undefined;
  ordered?: boolean | undefined;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  labels?: { min?: string | undefined; max?: string | undefined } | undefined;
  placeholder?: string | undefined;
  direction?: 'higher' | 'lower' | undefined;
  baseline_from?: string | undefined;
  target_from?: string | undefined;
  by_from?: string | undefined;
  tracks?: 'problem' | undefined;
  role?: Role | undefined;
  core?: boolean | undefined;
  ask_rep?: boolean | undefined;
  brief?: boolean | string | undefined;
  follow_ups?: QuestionInput[] | undefined;
}

export const QuestionSchema: z.ZodType<QuestionInput> = z
  .strictObject({
    ...QuestionFields,
    get follow_ups() {
      return z.array(QuestionSchema).optional();
    },
  })
  .superRefine(checkTypeFields);

/** Keys that only make sense for some types, and the check that they agree with `type`. */
function checkTypeFields(q: QuestionInput, ctx: z.RefinementCtx): void {
  const hasChoices = q.type === 'choice' || q.type === 'multi';
  if (hasChoices && !q.choices) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `a ${q.type} question needs "choices"` });
  }
  const misplaced: [keyof QuestionInput, boolean][] = [
    ['choices', hasChoices],
    ['other', hasChoices],
    ['ordered', hasChoices],
    ['unit', q.type === 'number' || q.type === 'measure'],
    ['direction', q.type === 'measure'],
    ['baseline_from', q.type === 'measure'],
    ['target_from', q.type === 'measure'],
    ['min', q.type === 'number' || q.type === 'scale'],
    ['max', q.type === 'number' || q.type === 'scale'],
    ['labels', q.type === 'scale'],
  ];
  for (const [key, allowed] of misplaced) {
    if (!allowed && q[key] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `"${key}" does not apply to a ${q.type} question`,
      });
    }
  }
  if (q.type === 'scale') {
    for (const key of ['min', 'max'] as const) {
      const value = q[key];
      if (value !== undefined && !Number.isInteger(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `a scale's "${key}" must be a whole number` });
      }
    }
  }
  if (q.min !== undefined && q.max !== undefined && q.min >= q.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['max'],
      message: `"max" (${q.max}) must be above "min" (${q.min})`,
    });
  }
}

export const RuleSchema = z
  .strictObject({
    id: snakeId,
    when: text,
    loop_back: z
      .strictObject({
        message: text,
        revisit: z.array(snakeId).min(1, 'name at least one Knowledge-loop question to ask again'),
      })
      .optional(),
    tip: text.optional(),
    /** Fire in every session in which the condition holds, not only when what it reads changed. */
    every_time: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    if ((rule.loop_back === undefined) === (rule.tip === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'a rule has either "loop_back" or "tip", not both or neither',
      });
    }
  });
export type RuleInput = z.infer<typeof RuleSchema>;

const answerValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
  MeasureValueSchema,
]);

/** A named case that proves the bank's rules fire when they should (`journey bank test`). */
export const ExampleSchema = z.strictObject({
  name: text,
  answers: z.record(z.string(), answerValue),
  previous: z.record(z.string(), answerValue).optional(),
  /** Every earlier answer to a question, oldest first (new_people, worse_streak); the newest is its previous. */
  history: z.record(z.string(), z.array(answerValue)).optional(),
  /** Cues the rep ticked, by question id (heard()). */
  heard: z.record(z.string(), z.array(snakeId)).optional(),
  account: z
    .strictObject({
      loops: z.array(z.enum(LOOPS)).optional(),
      sessions: z.number().int().min(0).optional(),
      days_since_last_contact: z.number().int().min(-1).optional(),
      stage: z.enum(['prospect', 'customer', 'lost']).optional(),
      /** The close date: where a measure's trajectory starts (behind()). */
      customer_since: z.iso.date().optional(),
    })
    .optional(),
  expect: z.strictObject({
    loop_backs: z.array(z.string()).optional(),
    tips: z.array(z.string()).optional(),
    asked: z.array(z.string()).optional(),
    skipped: z.array(z.string()).optional(),
  }),
});
export type ExampleInput = z.infer<typeof ExampleSchema>;

export const BankSchema = z.strictObject({
  id: bankId,
  version: z.number().int('must be a whole number').positive('must be 1 or more'),
  loop: z.enum(LOOPS),
  title: text,
  description: text.optional(),
  /** A tracked number shifts when it moves by more than this fraction (0.2 = 20%). */
  shift_threshold: z.number().positive('must be above 0').max(10, 'must be 10 (1000%) or less').optional(),
  /** Two tracked texts at least this alike (0–1, on their content words) say the same. */
  shift_similarity: z.number().min(0, 'must be 0 or more').max(1, 'must be 1 or less').optional(),
  /** The call the bank is written for, in minutes: lint checks the core questions fit it. */
  minutes: z.number().int('must be a whole number').positive('must be 1 or more').max(480).optional(),
  /** How long one question takes on a call, with its follow-ups and probing (default 150). */
  seconds_per_question: z
    .number()
    .int('must be a whole number')
    .positive('must be 1 or more')
    .max(3600)
    .optional(),
  /** Names that mean the same in list answers: each canonical name with the names that stand for it. */
  aliases: z.record(text, z.array(text).min(1, 'name at least one alias')).optional(),
  questions: z.array(QuestionSchema).min(1, 'a bank needs at least one question'),
  rules: z.array(RuleSchema).optional(),
  examples: z.array(ExampleSchema).optional(),
});
export const BANK_KEYS = Object.keys(BankSchema.shape);
export const EXAMPLE_KEYS = Object.keys(ExampleSchema.shape);
export const EXPECT_KEYS = ['loop_backs', 'tips', 'asked', 'skipped'];
export const ACCOUNT_KEYS = ['loops', 'sessions', 'days_since_last_contact', 'stage', 'customer_since'];
export const CHOICE_KEYS = ['id', 'label'];
export const LABEL_KEYS = ['min', 'max'];
export const RULE_KEYS = ['id', 'when', 'loop_back', 'tip', 'every_time'];
export const CUE_KEYS = ['id', 'text'];
export const LOOP_BACK_KEYS = ['message', 'revisit'];

export type BankInput = z.infer<typeof BankSchema>;
