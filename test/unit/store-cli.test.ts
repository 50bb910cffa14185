// The argv → options contract of --steal-lock on start and resume, and of the file options' `-`
// (rows that belong in test/cli/commands.test.ts, kept here until they move there).
import type { Command } from 'commander';
import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import type { DueOptions } from '../../src/commands/due.js';
import type { ExportOptions } from '../../src/commands/export.js';
import type { ResumeOptions } from '../../src/commands/resume.js';
import type { StartOptions } from '../../src/commands/start.js';

vi.mock('../../src/commands/start.js', () => ({ start: vi.fn() }));
vi.mock('../../src/commands/resume.js', () => ({ resume: vi.fn() }));
vi.mock('../../src/commands/due.js', () => ({ due: vi.fn() }));
vi.mock('../../src/commands/export.js', () => ({ exportNotes: vi.fn() }));

const { buildProgram } = await import('../../src/cli.js');
const commands = {
  start: (await import('../../src/commands/start.js')).start,
  resume: (await import('../../src/commands/resume.js')).resume,
  due: (await import('../../src/commands/due.js')).due,
  exportNotes: (await import('../../src/commands/export.js')).exportNotes,
};

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

beforeEach(() => {
  vi.clearAllMocks();
});

const cwd = process.cwd();
const home = undefined;

describe('command lines', () => {
  it.each([
    [
      ['start', 'Acme', '--steal-lock'],
      'start',
      { cwd, home, account: 'Acme', stealLock: true } satisfies StartOptions,
    ],
    [
      ['resume', 'Acme', '--steal-lock'],
      'resume',
      { cwd, home, account: 'Acme', stealLock: true } satisfies ResumeOptions,
    ],
    [
      ['resume', 'Acme', '--answers', '-', '--steal-lock'],
      'resume',
      { cwd, home, account: 'Acme', answers: '-', stealLock: true } satisfies ResumeOptions,
    ],
    [['resume', 'Acme'], 'resume', { cwd, home, account: 'Acme' } satisfies ResumeOptions],
    [['due', '--ics', '-'], 'due', { cwd, home, json: false, ics: '-' } satisfies DueOptions],
  ] as const)('journey %j → %s', async (argv, name, options) => {
    await parse(argv);
    expect(commands[name] as unknown as Mock).toHaveBeenCalledWith(options);
  });

  it('export --out - reaches export as given (stdout)', async () => {
    await parse(['export', 'Acme', '--out', '-']);
    expect((commands.exportNotes as unknown as Mock).mock.calls[0]?.[0]).toMatchObject({
      out: '-',
      accounts: ['Acme'],
    } satisfies Partial<ExportOptions>);
  });

  it('--steal-lock takes no value', async () => {
    await expect(parse(['resume', 'Acme', '--steal-lock=yes'])).rejects.toThrow();
    expect(commands.resume as unknown as Mock).not.toHaveBeenCalled();
  });
});
