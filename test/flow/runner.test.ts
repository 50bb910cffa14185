import { describe, expect, it } from 'vitest';
import { answersOf } from '../../src/journey/interview.js';
import type { Reply } from '../../src/journey/port.js';
import { runInterview } from '../../src/journey/runner.js';
import { newSession } from '../../src/journey/session.js';
import type { Session } from '../../src/model/session.js';
import { BRANCHING_BANK, bankFrom, fixedClock, script } from '../helpers.js';

const bank = bankFrom(BRANCHING_BANK);

const answer = (
  value: Reply extends infer R ? (R extends { kind: 'answer'; value: infer V } ? V : never) : never,
): Reply => ({
  kind: 'answer',
  value,
});

async function run(replies: Reply[], start?: Session) {
  const clock = fixedClock();
  const session =
    start ?? newSession({ id: '20260301T100000Z-knowledge-abc', account: 'Acme', bank, now: clock() });
  const saves: Session[] = [];
  const s = script(replies);
  const result = await runInterview({
    bank,
    session,
    prompts: s.prompts,
    save: async (x) => void saves.push(x),
    clock,
  });
  return { ...result, ...s, saves };
}

describe('the interview runner', () => {
  it('keeps the answer just given when the rep leaves at its cue checklist (Ctrl-C, Ctrl-D)', async () => {
    const cued = bankFrom(
      BRANCHING_BANK.replace(
        '    ask: What triggered this?\n    type: text\n',
        '    ask: What triggered this?\n    type: text\n    listen_for: [{ id: renewal, text: a lost renewal }, { id: audit, text: an audit }]\n',
      ),
    );
    const clock = fixedClock();
    const saves: Session[] = [];
    const s = script([answer('Lost a renewal')]);
    const result = await runInterview({
      bank: cued,
      session: newSession({
        id: '20260301T100000Z-knowledge-abc',
        account: 'Acme',
        bank: cued,
        now: clock(),
      }),
      prompts: { ...s.prompts, tickCues: async () => 'cancel' as const },
      save: async (x) => void saves.push(x),
      clock,
    });
    expect(result.outcome).toBe('cancelled');
    const saved = saves.at(-1);
    if (!saved) throw new Error('nothing saved');
    expect(answersOf(saved)).toEqual({ trigger: 'Lost a renewal' });
  });

  it('asks in order, honours conditions and follow-ups, and completes', async () => {
    const r = await run([
      answer('Lost a renewal'),
      answer(true),
      answer('A spreadsheet'),
      answer(['Globex']),
      answer(12),
      answer(2),
      answer('Handoffs are slow'),
    ]);
    expect(r.outcome).toBe('complete');
    expect(r.asked.map((a) => a.id)).toEqual([
      'trigger',
      'tried',
      'tried_what',
      'vendors',
      'size',
      'urgency',
      'statement',
    ]);
    expect(r.session.status).toBe('complete');
    expect(r.session.completed).toBeDefined();
    expect(answersOf(r.session)).toMatchObject({ tried_what: 'A spreadsheet', urgency: 2 });
  });

  it('skips a follow-up whose condition does not hold', async () => {
    const r = await run([
      answer('x'),
      answer(false),
      answer([]),
      answer(3),
      answer(5),
      answer('Board pressure'),
      answer('s'),
    ]);
    expect(r.asked.map((a) => a.id)).toEqual([
      'trigger',
      'tried',
      'vendors',
      'size',
      'urgency',
      'why_urgent',
      'statement',
    ]);
  });

  it('saves after every answer, skip and note', async () => {
    const r = await run([
      answer('x'),
      { kind: 'note', text: 'CFO joined late' },
      { kind: 'skip' },
      { kind: 'save' },
    ]);
    expect(r.saves).toHaveLength(4);
    expect(r.saves[0]?.entries).toHaveLength(1);
    expect(r.saves[1]?.notes).toEqual([
      expect.objectContaining({ text: 'CFO joined late', question: 'tried' }),
    ]);
    expect(r.saves[2]?.entries.at(-1)).toMatchObject({ question: 'tried', skipped: true });
    expect(r.outcome).toBe('saved');
    expect(r.session.status).toBe('in_progress');
  });

  it('refuses to skip a required question and asks it again', async () => {
    const r = await run([{ kind: 'skip' }, answer('x'), { kind: 'save' }]);
    expect(r.asked.map((a) => a.id)).toEqual(['trigger', 'trigger', 'tried']);
    expect(r.shown).toContainEqual({ kind: 'warning', text: expect.stringMatching(/required/) });
  });

  it('goes back to the previous question, shows the earlier answer, and returns to where it was', async () => {
    const r = await run([
      answer('first'),
      answer(false),
      { kind: 'back' },
      answer(true),
      answer('tried it'),
      { kind: 'back' },
      { kind: 'back' },
      { kind: 'back' },
      answer('first, corrected'),
      answer(['Globex']),
      { kind: 'save' },
    ]);
    expect(r.asked.map((a) => a.id)).toEqual([
      'trigger',
      'tried',
      'vendors',
      'tried',
      'tried_what',
      'vendors',
      'tried_what',
      'tried',
      'trigger',
      'vendors',
      'size',
    ]);
    expect(r.asked[3]?.context.previous).toBe(false);
    expect(r.asked[8]?.context.previous).toBe('first');
    expect(answersOf(r.session)).toEqual({
      trigger: 'first, corrected',
      tried: true,
      tried_what: 'tried it',
      vendors: ['Globex'],
    });
  });

  it('drops a follow-up answer when the rep goes back and changes the answer it depended on', async () => {
    const r = await run([
      answer('x'),
      answer(true),
      answer('spreadsheet'),
      { kind: 'back' },
      { kind: 'back' },
      answer(false),
      { kind: 'save' },
    ]);
    expect(answersOf(r.session)).toEqual({ trigger: 'x', tried: false });
  });

  it('says so when there is nothing to go back to', async () => {
    const r = await run([{ kind: 'back' }, { kind: 'save' }]);
    expect(r.shown).toContainEqual({ kind: 'info', text: expect.stringMatching(/first question/) });
  });

  it('shows coaching on /why and asks the same question again', async () => {
    const r = await run([{ kind: 'why' }, { kind: 'save' }]);
    expect(r.shown).toEqual([{ kind: 'coaching', question: expect.objectContaining({ id: 'trigger' }) }]);
    expect(r.asked.map((a) => a.id)).toEqual(['trigger', 'trigger']);
  });

  it('on Ctrl-C saves what was answered and reports it cancelled', async () => {
    const r = await run([answer('x'), answer(true), { kind: 'cancel' }]);
    expect(r.outcome).toBe('cancelled');
    expect(r.saves.at(-1)?.entries.map((e) => e.question)).toEqual(['trigger', 'tried']);
    expect(r.session.status).toBe('in_progress');
  });

  it('resumes where it stopped, without asking answered questions again', async () => {
    const first = await run([answer('x'), answer(false), { kind: 'save' }]);
    const second = await run([answer(['A']), answer(4), answer(1), answer('done')], first.session);
    expect(second.asked.map((a) => a.id)).toEqual(['vendors', 'size', 'urgency', 'statement']);
    expect(second.outcome).toBe('complete');
  });

  it('tells the adapter its position and whether back is possible', async () => {
    const r = await run([answer('x'), { kind: 'save' }]);
    expect(r.asked[0]?.context).toMatchObject({ position: 1, canGoBack: false });
    expect(r.asked[1]?.context).toMatchObject({ position: 2, canGoBack: true });
  });
});

describe('going back to correct an answer', () => {
  const ruled = bankFrom(`${BRANCHING_BANK}rules:
  - id: low_urgency
    when: answers.urgency <= 2
    tip: Low urgency.
  - id: no_urgency
    when: '!answered("urgency")'
    tip: No urgency given.
`);

  async function runRuled(replies: Reply[]) {
    const clock = fixedClock();
    const s = script(replies);
    return runInterview({
      bank: ruled,
      session: newSession({
        id: '20260301T100000Z-knowledge-abd',
        account: 'Acme',
        bank: ruled,
        now: clock(),
      }),
      prompts: s.prompts,
      save: async () => undefined,
      clock,
    });
  }
  const upTo = [answer('Lost a renewal'), answer(false), answer(['Globex']), answer(12)];

  it('takes back the tip the wrong answer raised', async () => {
    const r = await runRuled([...upTo, answer(1), { kind: 'back' }, answer(3), answer('Handoffs are slow')]);
    expect(r.outcome).toBe('complete');
    expect(answersOf(r.session)).toMatchObject({ urgency: 3 });
    expect(r.session.tips).toEqual([]);
  });

  it('takes back the tip a skipped answer raised once it is answered', async () => {
    const r = await runRuled([
      ...upTo,
      { kind: 'skip' },
      { kind: 'back' },
      answer(3),
      answer('Handoffs are slow'),
    ]);
    expect(answersOf(r.session)).toMatchObject({ urgency: 3 });
    expect(r.session.tips).toEqual([]);
  });

  it('keeps the tip when the corrected answer still raises it', async () => {
    const r = await runRuled([...upTo, answer(1), { kind: 'back' }, answer(2), answer('Handoffs are slow')]);
    expect(r.session.tips.map((t) => [t.rule, t.basis])).toEqual([['low_urgency', { urgency: 2 }]]);
  });
});
