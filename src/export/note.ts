// What a note says about an account, derived from its records: pure, so the same data always gives
// the same note.

import { stageOf } from '../journey/background.js';
import { type FlagView, flagViews, openFlags } from '../journey/flags.js';
import { type StatementVersion, statementHistory } from '../journey/problem.js';
import { type AnswerValue, formatAnswer } from '../model/answer.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';

export interface AccountNote {
  name: string;
  slug: string;
  /** Oldest first, after --since. */
  sessions: Session[];
  records: AccountRecord[];
  flags: FlagView[];
  open: FlagView[];
  statements: StatementVersion[];
  frontmatter: Frontmatter;
}

export interface Frontmatter {
  account: string;
  loop: string | null;
  stage: string;
  loops: string[];
  sessions: number;
  open_flags: number;
  first_contact: string | null;
  last_contact: string | null;
  tags: string[];
  exported?: string;
}

export interface NoteInput {
  name: string;
  slug: string;
  sessions: readonly Session[];
  records: readonly AccountRecord[];
  since?: string | undefined;
  stamp?: Date | undefined;
}

export function accountNote(input: NoteInput): AccountNote {
  const sessions = input.sessions.filter((s) => !input.since || s.started.slice(0, 10) >= input.since);
  const flags = flagViews(
    sessions,
    input.records.filter((r) => r.kind === 'flag_resolved'),
  );
  const open = openFlags(flags);
  const last = sessions.at(-1);
  return {
    name: input.name,
    slug: input.slug,
    sessions,
    records: [...input.records],
    flags,
    open,
    statements: statementHistory(sessions),
    frontmatter: {
      account: input.name,
      loop: last?.loop ?? null,
      stage: stageOf(sessions, input.records),
      loops: sessions.map((s) => s.loop),
      sessions: sessions.length,
      open_flags: open.length,
      first_contact: sessions[0]?.started.slice(0, 10) ?? null,
      last_contact: last?.updated.slice(0, 10) ?? null,
      tags: ['journey', ...(last ? [`journey/${last.loop}`] : [])],
      ...(input.stamp ? { exported: input.stamp.toISOString() } : {}),
    },
  };
}

/** An answer as plain text (labels for choices), before escaping. */
export function answerText(value: AnswerValue, labels?: Record<string, string>): string {
  // The labels recorded with a session stand in for the bank's choices, which may have changed since.
  const choices = Object.entries(labels ?? {}).map(([id, label]) => ({ id, label }));
  return formatAnswer({ type: 'choice', unit: undefined, choices }, value);
}
