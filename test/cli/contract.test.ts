import { type Command, CommanderError } from 'commander';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/commands/start.js', () => ({ start: vi.fn() }));
vi.mock('../../src/commands/resume.js', () => ({ resume: vi.fn() }));
vi.mock('../../src/commands/accounts.js', () => ({ accounts: vi.fn() }));
vi.mock('../../src/commands/sessions.js', () => ({ sessions: vi.fn() }));
vi.mock('../../src/commands/init.js', () => ({ init: vi.fn() }));
vi.mock('../../src/commands/home.js', () => ({ home: vi.fn() }));

const { buildProgram } = await import('../../src/cli.js');
const commands = {
  start: (await import('../../src/commands/start.js')).start,
  resume: (await import('../../src/commands/resume.js')).resume,
  accounts: (await import('../../src/commands/accounts.js')).accounts,
  sessions: (await import('../../src/commands/sessions.js')).sessions,
  init: (await import('../../src/commands/init.js')).init,
  home: (await import('../../src/commands/home.js')).home,
};

async function parse(...args: string[]): Promise<void> {
  const program = buildProgram();
  // Usage errors are the subject here, not output: silence every command, subcommands too.
  const silence = (command: Command): void => {
    command.configureOutput({
      writeErr: () => undefined,
      writeOut: () => undefined,
      outputError: () => undefined,
    });
    for (const sub of command.commands) silence(sub);
  };
  silence(program);
  await program.parseAsync(['node', 'journey', ...args]);
}

beforeEach(() => {
  vi.clearAllMocks();
});

const cwd = process.cwd();

describe('argv → typed options', () => {
  it.each([
    [['start', 'Acme, Inc.'], 'start', { account: 'Acme, Inc.', cwd, home: undefined }],
    [
      [
        '--home',
        '/d',
        'start',
        'Acme',
        '--loop',
        'Options',
        '--bank',
        'b.yaml',
        '--contact',
        'Dana',
        '--answers',
        '-',
      ],
      'start',
      { account: 'Acme', loop: 'options', bank: 'b.yaml', contact: 'Dana', answers: '-', home: '/d', cwd },
    ],
    [
      ['resume', 'acme', '--bank', 'x.yaml'],
      'resume',
      { account: 'acme', bank: 'x.yaml', cwd, home: undefined },
    ],
    [['accounts'], 'accounts', { json: false, cwd, home: undefined }],
    [['accounts', '--json'], 'accounts', { json: true, cwd, home: undefined }],
    [['sessions', 'Acme', '--json'], 'sessions', { account: 'Acme', json: true, cwd, home: undefined }],
    [['init'], 'init', { cwd }],
    [['home', '--home', 'here'], 'home', { json: false, cwd, home: 'here' }],
  ] as const)('%j calls %s', async (args, name, options) => {
    await parse(...args);
    expect(commands[name]).toHaveBeenCalledTimes(1);
    expect(commands[name]).toHaveBeenCalledWith(options);
  });

  it.each([
    [['start', 'Acme', '--loop', 'pricing'], 'commander.invalidArgument'],
    [['sessions'], 'commander.missingArgument'],
    [['start', 'Acme', '--colour'], 'commander.unknownOption'],
    [['fly'], 'commander.unknownCommand'],
  ])('%j is a usage error and runs nothing', async (args, code) => {
    await expect(parse(...args)).rejects.toSatisfy((e) => e instanceof CommanderError && e.code === code);
    for (const command of Object.values(commands)) expect(command).not.toHaveBeenCalled();
  });
});
