// What a note says about an account, derived from its records: pure, so the same data always gives
// the same note.

import { dealLabel, dealsOf } from '../journey/deals.js';
import { type FlagView, flagViews, openFlags } from '../journey/flags.js';
import { accountStage } from '../journey/listing.js';
import { type StatementVersion, statementHistory } from '../journey/problem.js';
import type { Stage } from '../model/account.js';
import { type AnswerValue, formatAnswer } from '../model/answer.js';
import type { AccountRecord } from '../model/records.js';
import type { Session } from '../model/session.js';

/** One deal of the account, as a note shows it: its own problem, journey, flags and measures. */
export interface DealNote {
  /** As first written; "first deal" for the account's first. */
  name: string;
  stage: Stage;
  sessions: Session[];
  records: AccountRecord[];
  flags: FlagView[];
  open: FlagView[];
  statements: StatementVersion[];
}

export interface AccountNote {
  name: string;
  slug: string;
  /** The account's deals (one for most accounts), each with its own sections. */
  deals: DealNote[];
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
  /** The account's deals, when it has more than one. */
  deals?: string[];
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
  const found = dealsOf({ name: input.name, sessions, records: [...input.records] });
  const deals = found.map((deal): DealNote => {
    // Each deal's flags from its own sessions: a Knowledge session restates its own deal's problem.
    const flags = flagViews(deal.sessions, deal.records);
    return {
      name: dealLabel(deal, found.length) || deal.deal,
      stage: deal.stage,
      sessions: deal.sessions,
      records: deal.records,
      flags,
      open: openFlags(flags),
      statements: statementHistory(deal.sessions),
    };
  });
  const flags = deals.flatMap((d) => d.flags);
  const open = deals.flatMap((d) => d.open);
  const last = sessions.at(-1);
  return {
    name: input.name,
    slug: input.slug,
    deals,
    sessions,
    records: [...input.records],
    flags,
    open,
    statements: statementHistory(sessions),
    frontmatter: {
      account: input.name,
      loop: last?.loop ?? null,
      stage: accountStage(deals),
      loops: sessions.map((s) => s.loop),
      sessions: sessions.length,
      open_flags: open.length,
      ...(deals.length > 1 ? { deals: deals.map((d) => d.name) } : {}),
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
