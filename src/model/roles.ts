// Roles: what the product itself does with a question's answers. Code finds a question by the role a
// bank declares, never by its id, so a trainer's bank works exactly like a default one.
import type { Loop } from './loop.js';

export const ROLES = ['problem_statement', 'current_problems'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleUse {
  /** The loop whose bank should declare it. */
  loop: Loop;
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
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
