// The error types the whole tool shares. Domain code throws them; only src/index.ts prints and exits.

/** Bad input from a person: a message for them, exit 1. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    /** Further lines (e.g. every problem in a bank), printed after the message. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The command line itself is wrong: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The rep pressed Ctrl-C: exit 130, after saying how to pick up again. */
export class Cancelled extends Error {
  override name = 'Cancelled';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** A failure the command has already reported in full (lint errors, failed bank tests): exit 1, say nothing more. */
export class ReportedFailure extends Error {
  override name = 'ReportedFailure';
}

export const EXIT = { ok: 0, failure: 1, usage: 2, cancelled: 130 } as const;
