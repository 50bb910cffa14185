// A short call: only the core questions, with the follow-ups their answers open.
import { describe, expect, it } from 'vitest';
import { quickBank } from '../../src/bank/quick.js';
import { runInterview } from '../../src/journey/runner.js';
import { checkScriptedAnswers, scriptedPrompts } from '../../src/journey/scripted.js';
import { newSession } from '../../src/journey/session.js';
import { bankFrom, fixedClock } from '../helpers.js';

const bank = bankFrom(`id: k
version: 1
loop: knowledge
title: K
minutes: 10
questions:
  - { id: agenda, ask: What should we cover today?, type: text, core: true }
  - id: trigger
    ask: What put this on the agenda?
    type: text
    core: true
    follow_ups:
      - { id: trigger_date, ask: When was that?, type: text, when: answered("trigger") }
  - { id: trigger_kind, ask: Your read, type: choice, choices: [a, b], ask_rep: true }
  - { id: cost, ask: What does it cost?, type: number }
  - { id: statement, ask: Statement?, type: long, role: problem_statement, core: true }
`);

describe('journey start --quick', () => {
  it('asks the core questions and the follow-ups they open, nothing else, and records them like any session', async () => {
    const quick = quickBank(bank);
    const answers = checkScriptedAnswers(
      bank,
      { agenda: 'x', trigger: 'y', trigger_date: 'z', cost: 5, statement: 's' },
      'a.yaml',
    );
    const prompts = scriptedPrompts(answers, 'a.yaml', false);
    const clock = fixedClock();
    const { session, outcome } = await runInterview({
      bank: quick,
      session: newSession({ id: '20260301T100000Z-knowledge-q1', account: 'A', bank: quick, now: clock() }),
      prompts,
      save: async () => undefined,
      clock,
    });
    expect(outcome).toBe('complete');
    expect(prompts.asked()).toEqual(['agenda', 'trigger', 'trigger_date', 'statement']);
    expect(prompts.unused()).toEqual(['cost']);
    expect(session.bank).toMatchObject({ id: 'k', hash: bank.hash });
  });

  it('keeps every question known by id, so a loop-back can ask any of them again', () => {
    expect(quickBank(bank).byId.has('cost')).toBe(true);
    expect(quickBank(bank).all.map((q) => q.id)).toEqual(['agenda', 'trigger', 'trigger_date', 'statement']);
  });
});
