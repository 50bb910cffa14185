// A question as the runner asks it: its type, its choices and the coaching that comes with it.
// Plain values: banks build them, sessions record what they asked, every layer reads them.
import type { Role } from './roles.js';

export const QUESTION_TYPES = [
  'text',
  'long',
  'choice',
  'multi',
  'list',
  'confirm',
  'number',
  'scale',
  'date',
  'measure',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Choice {
  id: string;
  label: string;
}

/** Something to listen for that the rep can tick as heard (a `listen_for` entry with an id). */
export interface Cue {
  id: string;
  text: string;
}

export interface Question {
  id: string;
  ask: string;
  type: QuestionType;
  why?: string | undefined;
  /** What to listen for, as the rep reads it (every `listen_for` entry's text). */
  listenFor: string[];
  /** The `listen_for` entries with ids: the rep can tick them as heard, and rules read them (heard()). */
  cues: Cue[];
  required: boolean;
  tags: string[];
  when?: string | undefined;
  choices: Choice[];
  /** The choices are in order (worst to best, or smallest to largest): increased()/decreased() apply. */
  ordered: boolean;
  other: boolean;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  labels: { min?: string | undefined; max?: string | undefined };
  placeholder?: string | undefined;
  /** Measures: which way is better, and Knowledge answers that give the baseline and target. */
  direction?: 'higher' | 'lower' | undefined;
  baselineFrom?: string | undefined;
  targetFrom?: string | undefined;
  /** Part of the problem's definition: a material change to it sends the prospect back. */
  tracks?: 'problem' | undefined;
  /** What the product uses this question for (see roles.ts); code finds questions by role, never by id. */
  role?: Role | undefined;
  /** Asked by `journey start --quick`. */
  core: boolean;
  /** The rep fills it in themselves: shown as a note to the rep, never read to the buyer. */
  askRep: boolean;
  /** Shown in prep's deal facts with its latest answer. */
  brief: boolean;
  /** The short label its fact goes by in prep ("Decision date"), when the bank gives one. */
  label?: string | undefined;
  /** For a measure: the Knowledge date answer giving the target's date. */
  byFrom?: string | undefined;
  followUps: Question[];
  /** The question this one follows up, if any. */
  parent?: string | undefined;
  /** Where the question starts in its bank file, for messages about it (0 when unknown). */
  line: number;
}

export function scaleRange(q: Pick<Question, 'min' | 'max'>): { min: number; max: number } {
  return { min: q.min ?? 1, max: q.max ?? 5 };
}
