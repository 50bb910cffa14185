// Roles: what the product itself does with a question's answers. Code finds a question by the role a
// bank declares, never by its id, so a trainer's bank works exactly like a default one.
import type { Loop } from './loop.js';

export const ROLES = [
  'problem_statement',
  'success_baseline',
  'current_problems',
  'next_check_in',
  'next_step',
  'new_need',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleUse {
  /** The loop whose bank should declare it; undefined: any loop may, and lint does not ask for it. */
  loop?: Loop | undefined;
  /** The answer type it needs. */
  types: readonly string[];
  /** How messages name it. */
  noun: string;
  /** What is missing when a bank of its loop has no such question, for lint's warning. */
  withoutIt: string;
}

export const ROLE_USES: Record<Role, RoleUse> = {
  problem_statement: {
    loop: 'knowledge',
    types: ['text', 'long'],
    noun: 'problem statement',
    withoutIt:
      'the problem statement has no history and loop-back flags are never resolved by a Knowledge session',
  },
  success_baseline: {
    loop: 'knowledge',
    types: ['number', 'measure'],
    noun: 'success baseline',
    withoutIt:
      'the next loop cannot wait for a baseline: a deal moves to Options without knowing where the measure stands',
  },
  current_problems: {
    loop: 'results',
    types: ['list', 'multi'],
    noun: 'current problems question',
    withoutIt: 'journey due and export cannot show what got in the way at the last check-in',
  },
  next_check_in: {
    loop: 'results',
    types: ['date'],
    noun: 'booked check-in date',
    withoutIt:
      'journey due and the calendar go by the cadence alone, not the date you booked with the customer',
  },
  next_step: {
    types: ['text', 'long'],
    noun: 'next step',
    withoutIt: 'prep cannot show the next step agreed at the last call',
  },
  new_need: {
    loop: 'results',
    types: ['text', 'long'],
    noun: 'new need question',
    withoutIt: 'a new need a customer names at a check-in cannot open a new deal of its own',
  },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
