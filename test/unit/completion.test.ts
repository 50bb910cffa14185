// What `journey __complete` offers for the word being typed, read from the real command definitions
// and a data folder: commands, subcommands, options, option values, account names and bank ids.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { candidatesFor } from '../../src/commands/completion.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'journey-complete-'));
  await cp(resolve(import.meta.dirname, '../fixtures/release-1-data'), home, { recursive: true });
});
afterAll(() => rm(home, { recursive: true, force: true }));

const offered = (...words: string[]) => candidatesFor(buildProgram(), words, (typed) => typed ?? home);

describe('candidatesFor', () => {
  it('offers the commands, without the hidden one', async () => {
    const all = await offered('');
    expect(all).toEqual(
      expect.arrayContaining(['start', 'search', 'accounts', 'bank', 'completion', 'help']),
    );
    expect(all).not.toContain('__complete');
    expect(await offered('se')).toEqual(['search', 'sessions']);
  });

  it('offers subcommands, and the path after help', async () => {
    expect(await offered('bank', 'l')).toEqual(['lint', 'list']);
    expect(await offered('help', 'bank', 'te')).toEqual(['test']);
    expect(await offered('flags', 're')).toEqual(['resolve']);
  });

  it("offers a command's own options and the global ones", async () => {
    const options = await offered('accounts', '--');
    expect(options).toEqual(
      expect.arrayContaining(['--stage', '--open-flags', '--due', '--rep', '--json', '--home']),
    );
    expect(await offered('search', 'x', '--l')).toEqual(['--loop']);
  });

  it('offers option values: choices, loops, bank ids', async () => {
    expect(await offered('accounts', '--stage', '')).toEqual(['prospect', 'customer', 'lost']);
    expect(await offered('start', 'acme', '--loop', 'o')).toEqual(['options']);
    expect(await offered('start', 'acme', '--loop=o')).toEqual(['--loop=options']);
    expect(await offered('export', '--format', '')).toEqual(['md', 'json']);
    expect(await offered('start', 'acme', '--bank', '')).toEqual(
      expect.arrayContaining(['knowledge-discovery', 'options-tour', 'results-check-in']),
    );
    expect(await offered('bank', 'show', 'opt')).toEqual(['options-tour']);
    expect(await offered('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('offers account names, accents and case aside, and by any word', async () => {
    expect(await offered('prep', '')).toEqual([
      'Acme, Inc.',
      'Globex Corporation',
      'Initech',
      'Société Générale, S.A.',
      'Umbrella Health',
    ]);
    expect(await offered('prep', 'soc')).toEqual(['Société Générale, S.A.']);
    expect(await offered('resume', 'gener')).toEqual(['Société Générale, S.A.']);
    expect(await offered('prep', '"Acme')).toEqual(['Acme, Inc.']);
    expect(await offered('search', 'budget', '--account', 'glo')).toEqual(['Globex Corporation']);
    expect(await offered('export', 'acme', 'ini')).toEqual(['Initech']);
  });

  it('reads the data folder a --home on the line names', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'journey-complete-empty-'));
    try {
      expect(await offered('--home', empty, 'prep', '')).toEqual([]);
      expect(await offered(`--home=${home}`, 'prep', 'ac')).toEqual(['Acme, Inc.']);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('offers nothing where a file name or free text goes (the shell completes files)', async () => {
    expect(await offered('bank', 'lint', '')).toEqual([]);
    expect(await offered('start', 'acme', '--answers', '')).toEqual([]);
    expect(await offered('search', '')).toEqual([]);
    expect(await offered('flags', 'resolve', '')).toEqual([]);
  });
});
