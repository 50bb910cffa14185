// Roles: what the product itself does with a question's answers. Code finds a question by the role a
// bank declares, never by its id, so a trainer's bank works exactly like a default one.
import type { Loop } from './loop.js';

export const ROLES = ['problem_statement', 'current_problems', 'next_check_in', 'next_step'] as const;
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
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
