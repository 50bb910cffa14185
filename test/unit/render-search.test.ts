// Search results as text: grouped by account and session, the words highlighted only when colour is on.
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { queryWords, searchSessions } from '../../src/journey/search.js';
import type { Session } from '../../src/model/session.js';
import { highlight, renderSearch } from '../../src/ui/render-search.js';

const AT = '2026-03-01T10:00:00.000Z';
const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

const session = {
  format: 1,
  id: '20260301T100000Z-knowledge-abc1234',
  account: 'Café Noir',
  loop: 'knowledge',
  bank: { id: 'k', version: 1, hash: 'sha256:x', title: 'K' },
  status: 'complete',
  started: AT,
  updated: AT,
  entries: [
    { question: 'trigger', ask: 'What happened?', type: 'long', answer: 'The SOC 2\naudit failed', at: AT },
  ],
  notes: [{ text: 'ask about soc 2 again', at: AT }],
  flags: [],
  tips: [],
  shifts: [],
  revisits: [],
  judgements: [],
  warnings: [],
} as unknown as Session;

describe('renderSearch', () => {
  it('groups by account and session and shows the question, the line and each note, plain', () => {
    chalk.level = 0;
    expect(renderSearch(searchSessions([session], queryWords(['soc', '2'])))).toBe(
      [
        'Café Noir',
        '  2026-03-01 · knowledge (20260301T100000Z-knowledge-abc1234)',
        '    What happened?',
        '      The SOC 2 audit failed',
        '    note',
        '      ask about soc 2 again',
      ].join('\n'),
    );
  });

  it('highlights the words with colour on', () => {
    chalk.level = 1;
    const out = highlight('The SOC 2 audit', [{ start: 4, end: 7 }]);
    expect(out).toContain(chalk.bold.yellow('SOC'));
  });

  it('cuts a long text around the first word, and keeps control characters inert', () => {
    chalk.level = 0;
    const text = `${'a'.repeat(300)} needle \u001b[31m ${'b'.repeat(300)}`;
    const at = text.indexOf('needle');
    const out = highlight(text, [{ start: at, end: at + 6 }]);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('needle');
    expect(out).not.toContain('\u001b');
    expect(out.length).toBeLessThan(200);
  });
});
