// Shared test helpers: banks from inline YAML, and a fixed clock.

import type { QuestionBank } from '../src/bank/bank.js';
import { parseBank } from '../src/bank/parse.js';
import type { AskContext, Prompts, Reply, RunnerMessage } from '../src/journey/port.js';
import type { Question } from '../src/model/question.js';
import type { Session } from '../src/model/session.js';
import { formatProblem } from '../src/yaml/positions.js';

export function bankFrom(text: string, file = 'test.yaml'): QuestionBank {
  const result = parseBank(text, file);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.bank;
}

export function fixedClock(start = '2026-03-01T10:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    t += 1000;
    return new Date(t);
  };
}

/** A small bank that branches: a confirm with a conditional follow-up, and a required question. */
export const BRANCHING_BANK = `id: branching
version: 1
loop: knowledge
title: Branching
questions:
  - id: trigger
    ask: What triggered this?
    type: text
    required: true
  - id: tried
    ask: Tried before?
    type: confirm
    follow_ups:
      - id: tried_what
        ask: What did you try?
        type: text
        when: answers.tried
  - id: vendors
    ask: Vendors?
    type: list
  - id: size
    ask: Team size?
    type: number
    unit: people
    min: 1
  - id: urgency
    ask: Urgency?
    type: scale
    follow_ups:
      - id: why_urgent
        ask: Why so urgent?
        type: text
        when: answers.urgency >= 4
  - id: statement
    ask: Problem statement?
    type: long
    required: true
`;

/** A complete session record for tests, with everything empty unless given. */
export function sessionFixture(
  id: string,
  loop: Session['loop'],
  day: string,
  extra: Partial<Session> = {},
): Session {
  const at = `2026-03-${day}T10:00:00.000Z`;
  return {
    format: 1,
    id: `202603${day}T100000Z-${loop}-${id}`,
    account: 'Acme, Inc.',
    loop,
    bank: { id: `${loop}-bank`, version: 1, hash: 'sha256:0', title: `${loop} bank` },
    status: 'complete',
    started: at,
    updated: at,
    completed: at,
    entries: [],
    notes: [],
    flags: [],
    tips: [],
    shifts: [],
    revisits: [],
    judgements: [],
    warnings: [],
    ...extra,
  };
}

/** A prompt adapter for flow tests: replies from a script, decides flags from a list, records what it was asked and shown. */
export function script(replies: Reply[], decisions: ('now' | 'defer' | 'cancel')[] = []) {
  const asked: { id: string; context: AskContext }[] = [];
  const shown: RunnerMessage[] = [];
  const prompts: Prompts = {
    async ask(q: Question, context: AskContext) {
      asked.push({ id: q.id, context });
      const next = replies.shift();
      if (!next) throw new Error(`script ran out at ${q.id}`);
      return next;
    },
    show: (m) => shown.push(m),
    decideFlag: async () => decisions.shift() ?? 'defer',
  };
  return { prompts, asked, shown };
}
