// The argv → options contract of every command and subcommand: what each command module is called
// with (defaults included), which option values are accepted, and which argv is a usage error that
// runs nothing. Complements contract.test.ts, which covers a few commands end to end.
import { type Command, CommanderError } from 'commander';
import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import type { AccountsOptions } from '../../src/commands/accounts.js';
import type { BankLintOptions } from '../../src/commands/bank-lint.js';
import type { BankListOptions, BankShowOptions } from '../../src/commands/bank-list.js';
import type { BankNewOptions } from '../../src/commands/bank-new.js';
import type { BankPreviewOptions } from '../../src/commands/bank-preview.js';
import type { BankStatsOptions } from '../../src/commands/bank-stats.js';
import type { BankTestOptions } from '../../src/commands/bank-test.js';
import type { BankUpdateOptions } from '../../src/commands/bank-update.js';
import type { LostOptions, WonOptions } from '../../src/commands/close.js';
import type { CompleteOptions, CompletionOptions } from '../../src/commands/completion.js';
import type { DiscardOptions } from '../../src/commands/discard.js';
import type { DueOptions } from '../../src/commands/due.js';
import type { ExportOptions } from '../../src/commands/export.js';
import type { FlagsOptions, ResolveOptions } from '../../src/commands/flags.js';
import type { HomeOptions } from '../../src/commands/home.js';
import type { InitOptions } from '../../src/commands/init.js';
import type { PrepOptions } from '../../src/commands/prep.js';
import type { ResumeOptions } from '../../src/commands/resume.js';
import type { SearchOptions } from '../../src/commands/search.js';
import type { SessionsOptions } from '../../src/commands/sessions.js';
import type { StartOptions } from '../../src/commands/start.js';
import type { SyncOptions } from '../../src/commands/sync.js';
import type { TeamInitOptions } from '../../src/commands/team-init.js';
import type { TeamJoinOptions } from '../../src/commands/team-join.js';
import type { TeamReportOptions } from '../../src/commands/team-report.js';

vi.mock('../../src/commands/start.js', () => ({ start: vi.fn() }));
vi.mock('../../src/commands/resume.js', () => ({ resume: vi.fn() }));
vi.mock('../../src/commands/discard.js', () => ({ discard: vi.fn() }));
vi.mock('../../src/commands/accounts.js', () => ({ accounts: vi.fn() }));
vi.mock('../../src/commands/sessions.js', () => ({ sessions: vi.fn() }));
vi.mock('../../src/commands/prep.js', () => ({ prep: vi.fn() }));
vi.mock('../../src/commands/flags.js', () => ({ flags: vi.fn(), resolveFlag: vi.fn() }));
vi.mock('../../src/commands/close.js', () => ({ won: vi.fn(), lost: vi.fn() }));
vi.mock('../../src/commands/due.js', () => ({ due: vi.fn() }));
vi.mock('../../src/commands/export.js', () => ({ exportNotes: vi.fn() }));
vi.mock('../../src/commands/bank-lint.js', () => ({ bankLint: vi.fn() }));
vi.mock('../../src/commands/bank-test.js', () => ({ bankTest: vi.fn() }));
vi.mock('../../src/commands/bank-preview.js', () => ({ bankPreview: vi.fn() }));
vi.mock('../../src/commands/bank-list.js', () => ({ bankList: vi.fn(), bankShow: vi.fn() }));
vi.mock('../../src/commands/bank-stats.js', () => ({ bankStats: vi.fn() }));
vi.mock('../../src/commands/team-report.js', () => ({ teamReport: vi.fn() }));
vi.mock('../../src/commands/sync.js', () => ({ sync: vi.fn() }));
vi.mock('../../src/commands/team-init.js', () => ({ teamInit: vi.fn() }));
vi.mock('../../src/commands/team-join.js', () => ({ teamJoin: vi.fn() }));
vi.mock('../../src/commands/bank-update.js', () => ({ bankUpdate: vi.fn() }));
vi.mock('../../src/commands/bank-new.js', () => ({ bankNew: vi.fn() }));
vi.mock('../../src/commands/bank-schema.js', () => ({ bankSchema: vi.fn() }));
vi.mock('../../src/commands/init.js', () => ({ init: vi.fn() }));
vi.mock('../../src/commands/home.js', () => ({ home: vi.fn() }));
vi.mock('../../src/commands/search.js', () => ({ search: vi.fn() }));
vi.mock('../../src/commands/completion.js', () => ({ completion: vi.fn(), complete: vi.fn() }));

const { buildProgram } = await import('../../src/cli.js');
const flagsModule = await import('../../src/commands/flags.js');
const closeModule = await import('../../src/commands/close.js');
const bankListModule = await import('../../src/commands/bank-list.js');
const completionModule = await import('../../src/commands/completion.js');

const commands = {
  start: (await import('../../src/commands/start.js')).start,
  resume: (await import('../../src/commands/resume.js')).resume,
  discard: (await import('../../src/commands/discard.js')).discard,
  accounts: (await import('../../src/commands/accounts.js')).accounts,
  sessions: (await import('../../src/commands/sessions.js')).sessions,
  prep: (await import('../../src/commands/prep.js')).prep,
  flags: flagsModule.flags,
  resolveFlag: flagsModule.resolveFlag,
  won: closeModule.won,
  lost: closeModule.lost,
  due: (await import('../../src/commands/due.js')).due,
  exportNotes: (await import('../../src/commands/export.js')).exportNotes,
  bankLint: (await import('../../src/commands/bank-lint.js')).bankLint,
  bankTest: (await import('../../src/commands/bank-test.js')).bankTest,
  bankPreview: (await import('../../src/commands/bank-preview.js')).bankPreview,
  bankList: bankListModule.bankList,
  bankShow: bankListModule.bankShow,
  bankStats: (await import('../../src/commands/bank-stats.js')).bankStats,
  teamReport: (await import('../../src/commands/team-report.js')).teamReport,
  sync: (await import('../../src/commands/sync.js')).sync,
  teamInit: (await import('../../src/commands/team-init.js')).teamInit,
  teamJoin: (await import('../../src/commands/team-join.js')).teamJoin,
  bankUpdate: (await import('../../src/commands/bank-update.js')).bankUpdate,
  bankNew: (await import('../../src/commands/bank-new.js')).bankNew,
  bankSchema: (await import('../../src/commands/bank-schema.js')).bankSchema,
  init: (await import('../../src/commands/init.js')).init,
  home: (await import('../../src/commands/home.js')).home,
  search: (await import('../../src/commands/search.js')).search,
  completion: completionModule.completion,
  complete: completionModule.complete,
};
type Name = keyof typeof commands;

/** Subcommands copy the output settings when they are made, so each one is silenced. */
function silence(command: Command): void {
  command.configureOutput({
    writeErr: () => undefined,
    writeOut: () => undefined,
    outputError: () => undefined,
  });
  for (const sub of command.commands) silence(sub);
}

async function parse(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  silence(program);
  await program.parseAsync(['node', 'journey', ...argv]);
}

const called = (name: Name) => commands[name] as unknown as Mock;

beforeEach(() => {
  vi.clearAllMocks();
});

const cwd = process.cwd();
const home = undefined;

// One row per accepted command line: the command module it reaches and exactly what that gets.
// `satisfies` keeps each expected object in step with the command's own options interface.
const calls: [argv: string[], name: Name, options: object][] = [
  // start
  [['start', 'Acme, Inc.'], 'start', { cwd, home, account: 'Acme, Inc.' } satisfies StartOptions],
  [
    [
      'start',
      'Acme',
      '--loop',
      'options',
      '--bank',
      'b.yaml',
      '--contact',
      'Dana Ruiz',
      '--answers',
      'a.yaml',
    ],
    'start',
    {
      cwd,
      home,
      account: 'Acme',
      loop: 'options',
      bank: 'b.yaml',
      contact: 'Dana Ruiz',
      answers: 'a.yaml',
    } satisfies StartOptions,
  ],
  [['start', 'Acme', '--loop', 'KNOWLEDGE'], 'start', { cwd, home, account: 'Acme', loop: 'knowledge' }],
  [['start', 'Acme', '--loop', 'Results'], 'start', { cwd, home, account: 'Acme', loop: 'results' }],
  [['start', 'Acme', '--loop=options'], 'start', { cwd, home, account: 'Acme', loop: 'options' }],
  [['start', 'Acme', '--answers', '-'], 'start', { cwd, home, account: 'Acme', answers: '-' }],
  [['start', '--contact', 'Dana', 'Acme'], 'start', { cwd, home, account: 'Acme', contact: 'Dana' }],
  [['start', '--', '-acme-'], 'start', { cwd, home, account: '-acme-' }],
  [
    ['start', 'acme', '--new', '--answers', '-'],
    'start',
    { cwd, home, account: 'acme', new: true, answers: '-' } satisfies StartOptions,
  ],
  // no name: a picker on a terminal, a usage error for a script (the command decides)
  [['start', '--quick'], 'start', { cwd, home, account: undefined, quick: true }],
  // resume
  [['resume', 'Acme, Inc.'], 'resume', { cwd, home, account: 'Acme, Inc.' } satisfies ResumeOptions],
  [
    ['resume', 'acme', '--bank', 'x.yaml', '--answers', '-'],
    'resume',
    { cwd, home, account: 'acme', bank: 'x.yaml', answers: '-' } satisfies ResumeOptions,
  ],
  [['resume'], 'resume', { cwd, home, account: undefined }],
  // discard
  [['discard', 'Acme, Inc.'], 'discard', { cwd, home, account: 'Acme, Inc.' } satisfies DiscardOptions],
  [
    ['discard', 'acme', '--deal', 'EU rollout', '--yes'],
    'discard',
    { cwd, home, account: 'acme', deal: 'EU rollout', yes: true } satisfies DiscardOptions,
  ],
  // accounts
  [['accounts'], 'accounts', { cwd, home, json: false } satisfies AccountsOptions],
  [['accounts', '--json'], 'accounts', { cwd, home, json: true } satisfies AccountsOptions],
  [
    ['accounts', '--stage', 'customer', '--open-flags', '--due', '--rep', 'Dana Ruiz', '--json'],
    'accounts',
    {
      cwd,
      home,
      json: true,
      stage: 'customer',
      openFlags: true,
      due: true,
      rep: 'Dana Ruiz',
    } satisfies AccountsOptions,
  ],
  [['accounts', '--stage', 'lost'], 'accounts', { cwd, home, json: false, stage: 'lost' }],
  [['accounts', '--due'], 'accounts', { cwd, home, json: false, due: true }],
  // search
  [['search', 'SOC', '2'], 'search', { cwd, home, words: ['SOC', '2'], json: false } satisfies SearchOptions],
  [
    ['search', 'cafe noir', '--account', 'acme', '--loop', 'Options', '--since', '2026-01-01', '--json'],
    'search',
    {
      cwd,
      home,
      words: ['cafe noir'],
      account: 'acme',
      loop: 'options',
      since: '2026-01-01',
      json: true,
    } satisfies SearchOptions,
  ],
  [
    ['search', '--since', 'last week', 'budget'],
    'search',
    { cwd, home, words: ['budget'], since: 'last week', json: false },
  ],
  // completion
  [['completion', 'bash'], 'completion', { shell: 'bash' } satisfies CompletionOptions],
  [['completion', 'zsh'], 'completion', { shell: 'zsh' }],
  [['completion', 'fish'], 'completion', { shell: 'fish' }],
  // __complete: the words after --, options included, reach the completer untouched
  [
    ['__complete', '--', 'start', 'acme', '--loop', ''],
    'complete',
    {
      cwd,
      home,
      words: ['start', 'acme', '--loop', ''],
      program: expect.anything(),
    } satisfies Omit<CompleteOptions, 'program'> & { program: unknown },
  ],
  // sessions
  [['sessions', 'Acme'], 'sessions', { cwd, home, account: 'Acme', json: false } satisfies SessionsOptions],
  [['sessions', 'Acme', '--json'], 'sessions', { cwd, home, account: 'Acme', json: true }],
  // prep
  [
    ['prep', 'Acme, Inc.'],
    'prep',
    { cwd, home, account: 'Acme, Inc.', json: false, verbose: false } satisfies PrepOptions,
  ],
  [['prep', 'acme', '--verbose'], 'prep', { cwd, home, account: 'acme', json: false, verbose: true }],
  [['prep'], 'prep', { cwd, home, account: undefined, json: false, verbose: false }],
  [
    ['prep', 'acme', '--json', '--verbose'],
    'prep',
    { cwd, home, account: 'acme', json: true, verbose: true },
  ],
  // flags
  [['flags'], 'flags', { cwd, home, account: undefined, all: false, json: false } satisfies FlagsOptions],
  [['flags', 'Acme, Inc.'], 'flags', { cwd, home, account: 'Acme, Inc.', all: false, json: false }],
  [
    ['flags', 'Acme, Inc.', '--all', '--json'],
    'flags',
    { cwd, home, account: 'Acme, Inc.', all: true, json: true },
  ],
  [['flags', '--all'], 'flags', { cwd, home, account: undefined, all: true, json: false }],
  // flags resolve
  [
    ['flags', 'resolve', '1rclu65-1'],
    'resolveFlag',
    { cwd, home, flag: '1rclu65-1' } satisfies ResolveOptions,
  ],
  [
    ['flags', 'resolve', '1rclu65-1', '--note', 'CFO agrees with the statement'],
    'resolveFlag',
    { cwd, home, flag: '1rclu65-1', note: 'CFO agrees with the statement' } satisfies ResolveOptions,
  ],
  // won
  [['won', 'Acme, Inc.'], 'won', { cwd, home, account: 'Acme, Inc.' } satisfies WonOptions],
  [
    ['won', 'acme', '--on', '2026-11-02', '--every', '6w'],
    'won',
    { cwd, home, account: 'acme', on: '2026-11-02', every: '6w' } satisfies WonOptions,
  ],
  [['won', 'acme', '--every', 'quarterly'], 'won', { cwd, home, account: 'acme', every: 'quarterly' }],
  // lost
  [['lost', 'Globex'], 'lost', { cwd, home, account: 'Globex' } satisfies LostOptions],
  [
    ['lost', 'Globex', '--on', '2026-04-01', '--reason', 'chose to build in-house'],
    'lost',
    {
      cwd,
      home,
      account: 'Globex',
      on: '2026-04-01',
      reason: 'chose to build in-house',
    } satisfies LostOptions,
  ],
  // due
  [['due'], 'due', { cwd, home, json: false } satisfies DueOptions],
  [
    ['due', '--within', '2w', '--json', '--ics', 'check-ins.ics'],
    'due',
    { cwd, home, within: '2w', json: true, ics: 'check-ins.ics' } satisfies DueOptions,
  ],
  // export
  [
    ['export', 'Acme, Inc.'],
    'exportNotes',
    {
      cwd,
      home,
      accounts: ['Acme, Inc.'],
      all: false,
      format: 'md',
      per: 'account',
      force: false,
      quiet: false,
      diagram: false,
      stamp: false,
    } satisfies ExportOptions,
  ],
  [
    ['export'],
    'exportNotes',
    {
      cwd,
      home,
      accounts: [],
      all: false,
      format: 'md',
      per: 'account',
      force: false,
      quiet: false,
      diagram: false,
      stamp: false,
    } satisfies ExportOptions,
  ],
  [
    ['export', 'acme', 'globex', '--format', 'json'],
    'exportNotes',
    {
      cwd,
      home,
      accounts: ['acme', 'globex'],
      all: false,
      format: 'json',
      per: 'account',
      force: false,
      quiet: false,
      diagram: false,
      stamp: false,
    },
  ],
  [
    [
      'export',
      '--all',
      '--format',
      'md',
      '--out',
      'notes',
      '--per',
      'session',
      '--since',
      '2026-01-01',
      '--force',
      '--quiet',
      '--diagram',
      '--stamp',
    ],
    'exportNotes',
    {
      cwd,
      home,
      accounts: [],
      all: true,
      format: 'md',
      out: 'notes',
      per: 'session',
      since: '2026-01-01',
      force: true,
      quiet: true,
      diagram: true,
      stamp: true,
    } satisfies ExportOptions,
  ],
  [
    ['export', '--all', '--per', 'account', '--out', 'notes'],
    'exportNotes',
    {
      cwd,
      home,
      accounts: [],
      all: true,
      format: 'md',
      out: 'notes',
      per: 'account',
      force: false,
      quiet: false,
      diagram: false,
      stamp: false,
    },
  ],
  // bank lint
  [
    ['bank', 'lint', 'question-banks/'],
    'bankLint',
    { cwd, home, paths: ['question-banks/'], format: 'text' } satisfies BankLintOptions,
  ],
  [
    ['bank', 'lint', 'a.yaml', 'b.yaml', '--format', 'json'],
    'bankLint',
    { cwd, home, paths: ['a.yaml', 'b.yaml'], format: 'json' } satisfies BankLintOptions,
  ],
  [
    ['bank', 'lint', 'a.yaml', '--format', 'text'],
    'bankLint',
    { cwd, home, paths: ['a.yaml'], format: 'text' },
  ],
  // bank test
  [
    ['bank', 'test', 'my-bank.yaml'],
    'bankTest',
    { cwd, home, paths: ['my-bank.yaml'], json: false } satisfies BankTestOptions,
  ],
  [['bank', 'test', 'a.yaml', 'banks/'], 'bankTest', { cwd, home, paths: ['a.yaml', 'banks/'], json: false }],
  [
    ['bank', 'test', 'test/scenarios/', '--json'],
    'bankTest',
    { cwd, home, paths: ['test/scenarios/'], json: true },
  ],
  // bank preview
  [
    ['bank', 'preview', 'options-tour'],
    'bankPreview',
    { cwd, home, bank: 'options-tour' } satisfies BankPreviewOptions,
  ],
  [
    ['bank', 'preview', 'my-bank.yaml', '--answers', 'case.yaml'],
    'bankPreview',
    { cwd, home, bank: 'my-bank.yaml', answers: 'case.yaml' } satisfies BankPreviewOptions,
  ],
  // bank list
  [['bank', 'list'], 'bankList', { cwd, home, json: false } satisfies BankListOptions],
  [['bank', 'list', '--json'], 'bankList', { cwd, home, json: true } satisfies BankListOptions],
  // bank update: every git bank in config.yaml
  [['bank', 'update'], 'bankUpdate', { cwd, home, quiet: false } satisfies BankUpdateOptions],
  [['bank', 'update', '--quiet'], 'bankUpdate', { cwd, home, quiet: true } satisfies BankUpdateOptions],
  // bank stats: every bank seen in sessions, or one
  [['bank', 'stats'], 'bankStats', { cwd, home, bank: undefined, json: false } satisfies BankStatsOptions],
  [
    ['bank', 'stats', 'knowledge-discovery', '--since', '2026-01-01', '--json'],
    'bankStats',
    { cwd, home, bank: 'knowledge-discovery', since: '2026-01-01', json: true } satisfies BankStatsOptions,
  ],
  // sync
  [['sync'], 'sync', { cwd, home } satisfies SyncOptions],
  [['sync', '--quiet'], 'sync', { cwd, home, quiet: true } satisfies SyncOptions],
  // team init, team join
  [['team', 'init'], 'teamInit', { cwd, home, remote: undefined } satisfies TeamInitOptions],
  [
    ['team', 'init', 'git@git.example.com:sales/data.git'],
    'teamInit',
    { cwd, home, remote: 'git@git.example.com:sales/data.git' } satisfies TeamInitOptions,
  ],
  [
    ['team', 'join', 'https://git.example.com/sales/data.git'],
    'teamJoin',
    { cwd, home, url: 'https://git.example.com/sales/data.git' } satisfies TeamJoinOptions,
  ],
  // team report
  [['team', 'report'], 'teamReport', { cwd, home, json: false } satisfies TeamReportOptions],
  [
    ['team', 'report', '--since', '2026-01-01', '--rep', 'dana', '--json'],
    'teamReport',
    { cwd, home, since: '2026-01-01', rep: 'dana', json: true } satisfies TeamReportOptions,
  ],
  // bank show
  [
    ['bank', 'show', 'knowledge-discovery'],
    'bankShow',
    { cwd, home, bank: 'knowledge-discovery', json: false } satisfies BankShowOptions,
  ],
  [['bank', 'show', 'my-bank.yaml', '--json'], 'bankShow', { cwd, home, bank: 'my-bank.yaml', json: true }],
  // bank new: writes beside the current folder; the data folder says which Knowledge bank is in use
  [
    ['bank', 'new', 'banks/discovery.yaml', '--loop', 'knowledge'],
    'bankNew',
    { cwd, home, file: 'banks/discovery.yaml', loop: 'knowledge' } satisfies BankNewOptions,
  ],
  [['bank', 'new', 'x', '--loop', 'OPTIONS'], 'bankNew', { cwd, home, file: 'x', loop: 'options' }],
  [['bank', 'new', '--loop', 'Results', 'x.yaml'], 'bankNew', { cwd, home, file: 'x.yaml', loop: 'results' }],
  // init
  [['init'], 'init', { cwd } satisfies InitOptions],
  // home
  [['home'], 'home', { cwd, home, json: false } satisfies HomeOptions],
  [['home', '--json'], 'home', { cwd, home, json: true } satisfies HomeOptions],
  // global options: --home before or after the command; --no-color and --debug reach no command
  [['--home', '/data', 'accounts'], 'accounts', { cwd, home: '/data', json: false }],
  [['accounts', '--home', '/data'], 'accounts', { cwd, home: '/data', json: false }],
  [
    ['--home=/data', 'prep', 'acme'],
    'prep',
    { cwd, home: '/data', account: 'acme', json: false, verbose: false },
  ],
  [
    ['--home', '/data', 'flags', 'resolve', 'f-1'],
    'resolveFlag',
    { cwd, home: '/data', flag: 'f-1' } satisfies ResolveOptions,
  ],
  [
    ['--home', '/data', 'bank', 'list', '--json'],
    'bankList',
    { cwd, home: '/data', json: true } satisfies BankListOptions,
  ],
  [['--no-color', '--debug', 'due'], 'due', { cwd, home, json: false }],
  [['sessions', 'acme', '--no-color', '--debug'], 'sessions', { cwd, home, account: 'acme', json: false }],
];

describe('argv → the typed options a command gets', () => {
  it.each(calls.map(([argv, name, options]) => [argv.join(' '), name, argv, options] as const))(
    'journey %s calls %s',
    async (_, name, argv, options) => {
      await parse(argv);
      // toStrictEqual: a missing default or a stray key (--debug, --color) fails, not only a wrong value.
      expect(called(name).mock.calls).toStrictEqual([[options]]);
      for (const [other, command] of Object.entries(commands)) {
        if (other !== name) expect(command, other).not.toHaveBeenCalled();
      }
    },
  );

  it.each([
    [['bank', 'schema'], { scenario: false }],
    [['bank', 'schema', '--scenario'], { scenario: true }],
  ])('%j calls bankSchema with %j', async (argv, options) => {
    await parse(argv);
    expect(called('bankSchema').mock.calls).toStrictEqual([[options]]);
  });

  it('every command and subcommand of the program has a row above', () => {
    const paths: string[][] = [];
    const walk = (command: Command, prefix: string[]) => {
      for (const sub of command.commands) {
        const path = [...prefix, sub.name()];
        paths.push(path);
        walk(sub, path);
      }
    };
    walk(buildProgram(), []);
    const rows = [...calls.map(([argv]) => argv), ['bank', 'schema']];
    const startsRow = (path: string[]) => rows.some((argv) => path.every((word, i) => argv[i] === word));
    // `bank` alone only groups its subcommands (a usage error, below).
    const missing = paths.filter((path) => path.join(' ') !== 'bank' && !startsRow(path));
    expect(paths.length).toBeGreaterThanOrEqual(20);
    expect(missing).toEqual([]);
  });
});

// One row per command line that is a usage error: commander's code, and a word of its message.
const usageErrors: [argv: string[], code: string, says: string][] = [
  // start
  [['start', 'acme', 'inc', '--new'], 'commander.excessArguments', "too many arguments for 'start'"],
  [['start', 'Acme', '--loop', 'pricing'], 'commander.invalidArgument', 'knowledge, options, results'],
  [['start', 'Acme', '--loop'], 'commander.optionMissingArgument', '--loop'],
  [['start', 'Acme', '--bank'], 'commander.optionMissingArgument', '--bank'],
  [['start', 'Acme', '--contact'], 'commander.optionMissingArgument', '--contact'],
  [['start', 'Acme', '--answers'], 'commander.optionMissingArgument', '--answers'],
  [['start', 'Acme', '--colour'], 'commander.unknownOption', '--colour'],
  [['start', 'Acme,', 'Inc.'], 'commander.excessArguments', "too many arguments for 'start'"],
  // resume
  [['discard'], 'commander.missingArgument', 'account'],
  [['resume', 'Acme', '--loop', 'options'], 'commander.unknownOption', '--loop'],
  [['resume', 'Acme', '--bank'], 'commander.optionMissingArgument', '--bank'],
  // accounts
  [['accounts', '--all'], 'commander.unknownOption', '--all'],
  [['accounts', '--stage', 'won'], 'commander.invalidArgument', 'prospect, customer, lost'],
  [['accounts', '--stage'], 'commander.optionMissingArgument', '--stage'],
  [['accounts', '--rep'], 'commander.optionMissingArgument', '--rep'],
  // search
  [['search'], 'commander.missingArgument', 'words'],
  [['search', 'budget', '--loop', 'pricing'], 'commander.invalidArgument', 'knowledge, options, results'],
  [['search', 'budget', '--since'], 'commander.optionMissingArgument', '--since'],
  [['search', 'budget', '--all'], 'commander.unknownOption', '--all'],
  // completion
  [['completion'], 'commander.missingArgument', 'shell'],
  [['completion', 'powershell'], 'commander.invalidArgument', 'bash, zsh, fish'],
  [['accounts', 'acme'], 'commander.excessArguments', "too many arguments for 'accounts'"],
  // sessions
  [['sessions'], 'commander.missingArgument', 'account'],
  [['sessions', 'acme', '--all'], 'commander.unknownOption', '--all'],
  // prep
  [['prep', 'acme', '--format', 'json'], 'commander.unknownOption', '--format'],
  // flags
  [['flags', 'acme', 'globex'], 'commander.excessArguments', "too many arguments for 'flags'"],
  [['flags', '--open'], 'commander.unknownOption', '--open'],
  // flags resolve
  [['flags', 'resolve'], 'commander.missingArgument', 'flag-id'],
  [['flags', 'resolve', 'f-1', '--note'], 'commander.optionMissingArgument', '--note'],
  [['flags', 'resolve', 'f-1', '--force'], 'commander.unknownOption', '--force'],
  // won
  [['won'], 'commander.missingArgument', 'account'],
  [['won', 'acme', '--every'], 'commander.optionMissingArgument', '--every'],
  [['won', 'acme', '--on'], 'commander.optionMissingArgument', '--on'],
  [['won', 'acme', '--reason', 'x'], 'commander.unknownOption', '--reason'],
  // lost
  [['lost'], 'commander.missingArgument', 'account'],
  [['lost', 'acme', '--reason'], 'commander.optionMissingArgument', '--reason'],
  [['lost', 'acme', '--every', '6w'], 'commander.unknownOption', '--every'],
  // due
  [['due', '--within'], 'commander.optionMissingArgument', '--within'],
  [['due', '--ics'], 'commander.optionMissingArgument', '--ics'],
  [['due', 'acme'], 'commander.excessArguments', "too many arguments for 'due'"],
  // export
  [['export', 'acme', '--format', 'html'], 'commander.invalidArgument', 'md, json'],
  [['export', '--all', '--per', 'day'], 'commander.invalidArgument', 'account, deal, session'],
  [['export', '--all', '--out'], 'commander.optionMissingArgument', '--out'],
  [['export', '--all', '--since'], 'commander.optionMissingArgument', '--since'],
  [['export', '--all', '--format'], 'commander.optionMissingArgument', '--format'],
  [['export', '--all', '--json'], 'commander.unknownOption', '--json'],
  // bank
  [['bank'], 'commander.help', ''],
  [['bank', 'check', 'a.yaml'], 'commander.unknownCommand', 'check'],
  // bank lint
  [['bank', 'lint'], 'commander.missingArgument', 'paths'],
  [['bank', 'lint', 'a.yaml', '--format', 'md'], 'commander.invalidArgument', 'text, json'],
  [['bank', 'lint', 'a.yaml', '--json'], 'commander.unknownOption', '--json'],
  // bank test
  [['bank', 'test'], 'commander.missingArgument', 'paths'],
  [['bank', 'test', 'a.yaml', '--answers', 'c.yaml'], 'commander.unknownOption', '--answers'],
  // bank preview
  [['bank', 'preview'], 'commander.missingArgument', 'bank'],
  [['bank', 'preview', 'a.yaml', 'b.yaml'], 'commander.excessArguments', "too many arguments for 'preview'"],
  [['bank', 'preview', 'a.yaml', '--answers'], 'commander.optionMissingArgument', '--answers'],
  // bank list
  [['bank', 'list', 'knowledge'], 'commander.excessArguments', "too many arguments for 'list'"],
  // bank update
  [['bank', 'update', 'main'], 'commander.excessArguments', "too many arguments for 'update'"],
  [['bank', 'update', '--json'], 'commander.unknownOption', '--json'],
  // bank stats
  [['bank', 'stats', 'a', 'b'], 'commander.excessArguments', "too many arguments for 'stats'"],
  [['bank', 'stats', '--since'], 'commander.optionMissingArgument', '--since'],
  // sync, team init, team join
  [['sync', 'now'], 'commander.excessArguments', "too many arguments for 'sync'"],
  [['team', 'init', 'a', 'b'], 'commander.excessArguments', "too many arguments for 'init'"],
  [['team', 'join'], 'commander.missingArgument', 'url'],
  // team report
  [['team', 'report', 'dana'], 'commander.excessArguments', "too many arguments for 'report'"],
  [['team', 'report', '--rep'], 'commander.optionMissingArgument', '--rep'],
  // bank show
  [['bank', 'show'], 'commander.missingArgument', 'bank'],
  [['bank', 'show', 'a', '--verbose'], 'commander.unknownOption', '--verbose'],
  // bank new
  [['bank', 'new', 'x.yaml'], 'commander.missingMandatoryOptionValue', '--loop'],
  [['bank', 'new', '--loop', 'knowledge'], 'commander.missingArgument', 'file'],
  [
    ['bank', 'new', 'x.yaml', '--loop', 'pricing'],
    'commander.invalidArgument',
    'knowledge, options, results',
  ],
  [['bank', 'new', 'x.yaml', '--loop'], 'commander.optionMissingArgument', '--loop'],
  // bank schema
  [['bank', 'schema', 'out.json'], 'commander.excessArguments', "too many arguments for 'schema'"],
  [['bank', 'schema', '--json'], 'commander.unknownOption', '--json'],
  // init
  [['init', 'here'], 'commander.excessArguments', "too many arguments for 'init'"],
  [['init', '--force'], 'commander.unknownOption', '--force'],
  // home
  [['home', '--verbose'], 'commander.unknownOption', '--verbose'],
  [['home', 'elsewhere'], 'commander.excessArguments', "too many arguments for 'home'"],
  // global
  [['--home'], 'commander.optionMissingArgument', '--home'],
  [['--colour', 'accounts'], 'commander.unknownOption', '--colour'],
  [['acounts'], 'commander.unknownCommand', 'acounts'],
];

describe('usage errors run nothing', () => {
  it.each(usageErrors.map(([argv, code, says]) => [argv.join(' '), code, argv, says] as const))(
    'journey %s is %s',
    async (_, code, argv, says) => {
      const error = await parse(argv).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommanderError);
      expect((error as CommanderError).code).toBe(code);
      expect((error as CommanderError).exitCode).not.toBe(0);
      expect((error as CommanderError).message).toContain(says);
      for (const [name, command] of Object.entries(commands)) expect(command, name).not.toHaveBeenCalled();
    },
  );

  it.each([
    [['--version'], 'commander.version'],
    [['--help'], 'commander.helpDisplayed'],
    [['export', '--help'], 'commander.helpDisplayed'],
    [['bank', 'new', '--help'], 'commander.helpDisplayed'],
  ])('journey %j prints and runs nothing, with exit code 0', async (argv, code) => {
    await expect(parse(argv)).rejects.toSatisfy(
      (e) => e instanceof CommanderError && e.code === code && e.exitCode === 0,
    );
    for (const [name, command] of Object.entries(commands)) expect(command, name).not.toHaveBeenCalled();
  });
});
