// The pieces both quick shape checks are built of (bank/shape.ts for banks, model/session-shape.ts for
// sessions): a check gives the value as its schema would, or NO for one the schema would refuse (or
// that is left to it), and zod then decides and words the problem.

/** What a check gives for a value the schema would refuse (or that is left to the schema). */
export const NO = Symbol('no');

export type Check = (value: unknown) => unknown;

export const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** z.number(): a finite number. */
export const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : NO);
