// Shared test helpers: banks from inline YAML, and a fixed clock.
import type { QuestionBank } from '../src/bank/bank.js';
import { parseBank } from '../src/bank/parse.js';
import { formatProblem } from '../src/bank/source.js';

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
