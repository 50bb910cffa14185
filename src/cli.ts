// Every command-line definition. Parses and normalises flags, then lazy-imports the command module
// and calls it with a typed options object. No logic lives here.
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { Shell } from './commands/completion.js';
import type { ExportOptions } from './commands/export.js';
import { UsageError } from './errors.js';
import type { Stage } from './model/account.js';
import { isLoop, LOOPS, type Loop } from './model/loop.js';

declare const JOURNEY_VERSION: string;

// For index.ts, which says every run's outcome: loaded with the command line, in the same file.
export { Cancelled, EXIT, ReportedFailure, UsageError, UserError } from './errors.js';
export { safeText } from './ui/safe-text.js';

interface Globals {
  home?: string;
  color: boolean;
  debug?: boolean;
}

function parseLoop(value: string): Loop {
  const loop = value.toLowerCase();
  if (!isLoop(loop)) throw new InvalidArgumentError(`use one of: ${LOOPS.join(', ')}`);
  return loop;
}

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export function buildProgram(): Command {
  const program = new Command('journey')
    .description(
      'Coach for sales discovery conversations: Knowledge, Options and Results loops, kept as local files.',
    )
    .version(typeof JOURNEY_VERSION === 'string' ? JOURNEY_VERSION : '0.0.0-dev', '-V, --version')
    .option(
      '--home <dir>',
      'data folder to use (else JOURNEY_HOME, else the nearest .journey/, else the user data folder)',
    )
    .option(
      '--no-color',
      'plain output without colour (also NO_COLOR=1, TERM=dumb, and whenever output is not a terminal; FORCE_COLOR=1 forces colour)',
    )
    .option('--debug', 'show the stack trace when something goes wrong')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureHelp({ sortSubcommands: false });

  program.hook('preAction', async () => {
    const { colorWanted, setColor } = await import('./ui/color.js');
    const globals = program.opts<Globals>();
    setColor(colorWanted({ flag: globals.color, env: process.env, isTTY: process.stdout.isTTY === true }));
  });
  program.helpCommand(
    'help [command...]',
    'show the help of a command or a subcommand (journey help bank lint)',
  );
  const context = () => ({ home: program.opts<Globals>().home, cwd: process.cwd() });

  program
    .command('start')
    .description("start a session with an account: walks you through the loop's question bank")
    .argument(
      '[account]',
      'account name, e.g. "Acme, Inc." (any spelling of it finds the same account; "acme" finds it too); none: pick one',
    )
    .addOption(
      new Option('--loop <loop>', 'knowledge, options or results (default: the natural next loop)').argParser(
        parseLoop,
      ),
    )
    .option('--bank <id|path>', 'a built-in bank id or a bank file (default: the built-in bank for the loop)')
    .option(
      '--deal <name>',
      'the deal within the account (default: its only open deal; a new account starts its first)',
    )
    .option('--quick', "a short call: the bank's core questions only, and the follow-ups their answers open")
    .option('--contact <name>', 'who you are talking to')
    .option(
      '--answers <file|->',
      'answer from a YAML/JSON file of question id → answer (- for stdin), no prompts',
    )
    .option('--steal-lock', 'take the session over from another journey that holds its lock')
    .option('--new', 'this is a new account, even if its name is close to another')
    .addHelpText(
      'after',
      examples([
        'journey start "Acme, Inc."',
        'journey start acme --loop options --contact "Dana Ruiz"',
        'journey start acme --loop knowledge --answers call-notes.yaml',
        'journey start acme --deal "EU rollout" --quick',
        'journey start "Acme Labs" --new    # beside "Acme, Inc."',
        'journey start    # pick an account (or type a new name)',
      ]),
    )
    .action(
      async (
        account: string | undefined,
        opts: {
          new?: boolean;
          loop?: Loop;
          bank?: string;
          deal?: string;
          quick?: boolean;
          contact?: string;
          answers?: string;
          stealLock?: boolean;
        },
      ) => {
        const { start } = await import('./commands/start.js');
        await start({ ...context(), account, ...opts });
      },
    );

  program
    .command('resume')
    .description('continue the newest unfinished session of an account where it stopped')
    .argument('[account]', 'account name (a short one does: "acme"); none: pick one')
    .option('--bank <id|path>', 'the bank file, when the session used one that is not built in')
    .option('--deal <name>', "only that deal's unfinished sessions")
    .option('--answers <file|->', 'finish it from a file of answers instead of prompts')
    .option(
      '--steal-lock',
      'take the session over from another journey that holds its lock (that one stops at its next answer)',
    )
    .addHelpText(
      'after',
      examples([
        'journey resume "Acme, Inc."',
        'journey resume acme --steal-lock    # after a crash on another machine',
      ]),
    )
    .action(
      async (
        account: string | undefined,
        opts: { bank?: string; deal?: string; answers?: string; stealLock?: boolean },
      ) => {
        const { resume } = await import('./commands/resume.js');
        await resume({ ...context(), account, ...opts });
      },
    );

  program
    .command('discard')
    .description(
      'delete the newest unfinished session of an account (started in the wrong loop, say); journey sync never shares an unfinished call',
    )
    .argument('<account>', 'account name')
    .option('--deal <name>', "only that deal's unfinished sessions")
    .option('--yes', 'do not ask first (needed without a terminal)')
    .addHelpText(
      'after',
      examples(['journey discard "Acme, Inc."', 'journey discard acme --deal "EU rollout" --yes']),
    )
    .action(async (account: string, opts: { deal?: string; yes?: boolean }) => {
      const { discard } = await import('./commands/discard.js');
      await discard({ ...context(), account, ...opts });
    });

  program
    .command('accounts')
    .description('list accounts: last loop, sessions, last contact, unfinished sessions')
    .option('--json', 'print JSON for scripts', false)
    .addOption(
      new Option('--stage <stage>', 'only accounts at this stage').choices(['prospect', 'customer', 'lost']),
    )
    .option('--open-flags', 'only accounts with an open loop-back flag')
    .option('--due', 'only customers with a Results check-in due today or overdue')
    .option('--rep <name>', 'only accounts with a session this rep ran ("dana" finds "Dana Ruiz")')
    .addHelpText(
      'after',
      examples([
        'journey accounts',
        'journey accounts --json',
        'journey accounts --stage customer --due',
        'journey accounts --open-flags --rep dana --json',
      ]),
    )
    .action(
      async (opts: { json: boolean; stage?: Stage; openFlags?: boolean; due?: boolean; rep?: string }) => {
        const { accounts } = await import('./commands/accounts.js');
        await accounts({ ...context(), ...opts });
      },
    );

  program
    .command('search')
    .description(
      'find answers and notes across every session: each word, any case or accents, in one answer or note',
    )
    .argument('<words...>', 'the words to look for (all of them must appear)')
    .option('--account <name>', 'only this account')
    .addOption(new Option('--loop <loop>', 'only sessions of this loop').argParser(parseLoop))
    .option('--since <date>', 'only sessions on or after this date (YYYY-MM-DD)')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples([
        'journey search SOC 2',
        'journey search "cafe noir" --account acme',
        'journey search budget --loop options --since 2026-01-01',
        'journey search renewal --json | jq .results[].account',
      ]),
    )
    .action(
      async (words: string[], opts: { account?: string; loop?: Loop; since?: string; json: boolean }) => {
        const { search } = await import('./commands/search.js');
        await search({ ...context(), words, ...opts });
      },
    );

  program
    .command('sessions')
    .description("list an account's sessions: date, loop, bank, status, answers")
    .argument('<account>', 'account name')
    .option('--deal <name>', "only that deal's sessions")
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples(['journey sessions "Acme, Inc."', 'journey sessions acme --deal "EU rollout" --json']),
    )
    .action(async (account: string, opts: { deal?: string; json: boolean }) => {
      const { sessions } = await import('./commands/sessions.js');
      await sessions({ ...context(), account, ...opts });
    });

  program
    .command('prep')
    .description(
      'the pre-call briefing: journey so far, the problem and how it moved, open flags, what to ask next',
    )
    .argument('[account]', 'account name (a short one does: "acme"); none: pick one')
    .option('--deal <name>', 'the deal to brief (default: the only open deal, else the latest one talked to)')
    .option('--json', 'print JSON for scripts', false)
    .option('--verbose', 'every version, change, flag, note and tip, not just the latest', false)
    .addHelpText(
      'after',
      examples([
        'journey prep "Acme, Inc."',
        'journey prep acme --verbose',
        'journey prep acme --deal "EU rollout" --json',
      ]),
    )
    .action(async (account: string | undefined, opts: { deal?: string; json: boolean; verbose: boolean }) => {
      const { prep } = await import('./commands/prep.js');
      await prep({ ...context(), account, ...opts });
    });

  const flags = program
    .command('flags')
    .description('list open loop-back flags (every account unless one is named)')
    .argument('[account]', 'only this account')
    .option('--all', 'include resolved flags', false)
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples([
        'journey flags',
        'journey flags "Acme, Inc." --all',
        'journey flags resolve 1rclu65-1 --note "CFO agrees with the statement"',
      ]),
    )
    .action(async (account: string | undefined, opts: { all: boolean; json: boolean }) => {
      const { flags } = await import('./commands/flags.js');
      await flags({ ...context(), account, ...opts });
    });
  flags
    .command('resolve')
    .description('resolve a loop-back flag by hand (recorded as a new file; the session is not rewritten)')
    .argument('<flag-id>', 'the id shown in brackets, e.g. 1rclu65-1')
    .option('--note <text>', 'how it was resolved')
    .addHelpText('after', examples(['journey flags resolve 1rclu65-1 --note "re-checked with the VP"']))
    .action(async (flag: string, opts: { note?: string }) => {
      const { resolveFlag } = await import('./commands/flags.js');
      await resolveFlag({ ...context(), flag, ...opts });
    });

  program
    .command('won')
    .description('record that the sale closed; sets the Results-loop check-in cadence')
    .argument('<account>', 'account name')
    .option('--deal <name>', "the deal that closed (default: the account's only open deal)")
    .option('--on <date>', 'the close date (YYYY-MM-DD; default today)')
    .option(
      '--every <cadence>',
      'check-in cadence: 30d, 6w, 3m, quarterly… (default from config.yaml, else 30d)',
    )
    .addHelpText(
      'after',
      examples([
        'journey won "Acme, Inc." --every quarterly',
        'journey won acme --on 2026-11-02 --every 6w',
        'journey won acme --deal "EU rollout"',
      ]),
    )
    .action(async (account: string, opts: { deal?: string; on?: string; every?: string }) => {
      const { won } = await import('./commands/close.js');
      await won({ ...context(), account, ...opts });
    });

  program
    .command('lost')
    .description('record a lost deal (no check-ins); journey won re-opens it')
    .argument('<account>', 'account name')
    .option('--deal <name>', "the deal that was lost (default: the account's only open deal)")
    .option('--on <date>', 'the date (YYYY-MM-DD; default today)')
    .option('--reason <text>', 'why it was lost')
    .addHelpText(
      'after',
      examples([
        'journey lost "Globex" --reason "chose to build in-house"',
        'journey lost globex --deal "APAC" --reason "budget moved to 2027"',
      ]),
    )
    .action(async (account: string, opts: { deal?: string; on?: string; reason?: string }) => {
      const { lost } = await import('./commands/close.js');
      await lost({ ...context(), account, ...opts });
    });

  program
    .command('due')
    .description('customers whose Results-loop check-in is due or overdue, most overdue first')
    .option('--within <period>', 'also list check-ins due within this period (7d, 2w, 1m)')
    .option('--json', 'print JSON for scripts', false)
    .option(
      '--ics <file>',
      'write every upcoming check-in to an iCalendar file (- for stdout; a link is written through to its file)',
    )
    .addHelpText(
      'after',
      examples([
        'journey due',
        'journey due --within 2w',
        'journey due --ics ~/check-ins.ics',
        'journey due --ics - > check-ins.ics',
      ]),
    )
    .action(async (opts: { within?: string; json: boolean; ics?: string }) => {
      const { due } = await import('./commands/due.js');
      await due({ ...context(), ...opts });
    });

  program
    .command('export')
    .description('export accounts to markdown notes or JSON, to stdout (one account) or a folder')
    .argument('[accounts...]', 'account names (or --all)')
    .option('--all', 'every account', false)
    .addOption(new Option('--format <format>', 'md or json').choices(['md', 'json']).default('md'))
    .option('--out <dir>', 'write files into this folder (created if needed; - for stdout)')
    .addOption(
      new Option('--per <unit>', 'one file per account, per deal or per session')
        .choices(['account', 'deal', 'session'])
        .default('account'),
    )
    .option('--since <date>', 'only sessions on or after this date (YYYY-MM-DD)')
    .option('--force', 'overwrite notes edited by hand (or not written by journey)', false)
    .option('--quiet', 'print nothing but failures', false)
    .option('--diagram', 'add a Mermaid diagram of the journey', false)
    .option(
      '--stamp',
      'record the export time in each file (off: the same data gives identical files)',
      false,
    )
    .addHelpText(
      'after',
      examples([
        'journey export "Acme, Inc." > acme.md',
        'journey export --all --out ~/notes/accounts',
        'journey export --all --per session --out notes --since 2026-01-01',
        'journey export acme --per deal --out notes',
        'journey export acme --format json | jq .accounts[0].sessions',
      ]),
    )
    .action(async (accounts: string[], opts: Omit<ExportOptions, 'accounts' | 'home' | 'cwd'>) => {
      const { exportNotes } = await import('./commands/export.js');
      await exportNotes({ ...context(), accounts, ...opts });
    });

  program
    .command('sync')
    .description(
      'share your calls with your team and bring theirs in: commit, pull with rebase, review what arrived, push (a team data folder: journey team init or join)',
    )
    .option('--quiet', 'print nothing unless something needs you (for cron); never ask git for a password')
    .addHelpText(
      'after',
      examples(['journey sync', 'journey sync --quiet   # from cron, e.g. every 15 minutes']),
    )
    .action(async (opts: { quiet?: boolean }) => {
      const { sync } = await import('./commands/sync.js');
      await sync({ ...context(), ...opts });
    });

  const team = program
    .command('team')
    .description("share a data folder with your team through git, and see the team's work");

  team
    .command('init')
    .description(
      'make the data folder a team repository (caches, locks and exports are never committed), shared through a remote',
    )
    .argument('[remote]', 'a git URL your team can reach, e.g. git@git.example.com:sales/journey-data.git')
    .addHelpText(
      'after',
      examples([
        'journey team init git@git.example.com:sales/journey-data.git',
        'journey team init   # no remote yet',
      ]),
    )
    .action(async (remote: string | undefined) => {
      const { teamInit } = await import('./commands/team-init.js');
      await teamInit({ ...context(), remote });
    });

  team
    .command('join')
    .description("clone a team's repository and make it the data folder (the one in use, or --home <dir>)")
    .argument('<url>', "the team repository's git URL")
    .addHelpText(
      'after',
      examples([
        'journey team join git@git.example.com:sales/journey-data.git',
        'journey team join https://git.example.com/sales/journey-data.git --home ~/work/.journey',
      ]),
    )
    .action(async (url: string) => {
      const { teamJoin } = await import('./commands/team-join.js');
      await teamJoin({ ...context(), url });
    });

  team
    .command('report')
    .description(
      'per rep: sessions, accounts, loops, loop-backs and how they were resolved, open flags older than a week, check-ins overdue, deals won and lost',
    )
    .option('--since <date>', 'only activity on or after this date (YYYY-MM-DD)')
    .option('--rep <name>', 'only this rep ("dana" finds "Dana Ruiz")')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples([
        'journey team report',
        'journey team report --since 2026-01-01',
        'journey team report --rep dana --json',
      ]),
    )
    .action(async (opts: { since?: string; rep?: string; json: boolean }) => {
      const { teamReport } = await import('./commands/team-report.js');
      await teamReport({ ...context(), ...opts });
    });

  const bank = program
    .command('bank')
    .description(
      'trainer tools: lint, test, preview, list, show, scaffold question banks, and their stats from real calls',
    )
    .addHelpText(
      'after',
      examples([
        'journey bank lint question-banks/',
        'journey bank test my-bank.yaml',
        'journey bank new my-bank.yaml --loop options',
      ]),
    );
  bank
    .command('lint')
    .description('check bank files for every error and warning, as file:line:col')
    .argument('<paths...>', 'bank files or folders of them')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      examples(['journey bank lint question-banks/', 'journey bank lint team-banks/*.yaml --format json']),
    )
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
      const { bankLint } = await import('./commands/bank-lint.js');
      await bankLint({ ...context(), paths, ...opts });
    });
  bank
    .command('test')
    .description(
      "run banks' examples and scenario files (whole journeys, call by call): which passed, which failed, and loop-back precision and recall",
    )
    .argument('<paths...>', 'bank or scenario files, or folders of them')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples([
        'journey bank test question-banks/',
        'journey bank test my-bank.yaml',
        'journey bank test test/scenarios/ --json',
      ]),
    )
    .action(async (paths: string[], opts: { json: boolean }) => {
      const { bankTest } = await import('./commands/bank-test.js');
      await bankTest({ ...context(), paths, ...opts });
    });
  bank
    .command('preview')
    .description(
      'walk a bank as a rep would, recording nothing; --answers shows the path a file of answers takes',
    )
    .argument('<bank>', 'a bank id or file')
    .option('--answers <file|->', 'preview non-interactively with these answers')
    .addHelpText(
      'after',
      examples([
        'journey bank preview options-tour',
        'journey bank preview my-bank.yaml --answers case.yaml',
      ]),
    )
    .action(async (ref: string, opts: { answers?: string }) => {
      const { bankPreview } = await import('./commands/bank-preview.js');
      await bankPreview({ ...context(), bank: ref, ...opts });
    });
  bank
    .command('list')
    .description(
      'the banks in use: built-in, team folders and git banks (config.yaml, with the commit in use) and <home>/banks, with overrides',
    )
    .option('--json', 'print JSON for scripts', false)
    .addHelpText('after', examples(['journey bank list', 'journey bank list --json']))
    .action(async (opts: { json: boolean }) => {
      const { bankList } = await import('./commands/bank-list.js');
      await bankList({ ...context(), ...opts });
    });
  bank
    .command('update')
    .description(
      'fetch the team banks config.yaml names by git URL; a commit whose banks fail lint is kept back and the previous one stays in use (exit 1)',
    )
    .option('--quiet', 'print only the banks kept back or not fetched (for cron)', false)
    .addHelpText(
      'after',
      examples([
        'journey bank update',
        'journey bank update --quiet   # from cron: silent unless a bank needs a fix',
      ]),
    )
    .action(async (opts: { quiet: boolean }) => {
      const { bankUpdate } = await import('./commands/bank-update.js');
      await bankUpdate({ ...context(), ...opts });
    });
  bank
    .command('show')
    .description('one bank resolved: follow-ups in place, conditions and rules shown')
    .argument('<bank>', 'a bank id or file')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples(['journey bank show knowledge-discovery', 'journey bank show my-bank.yaml --json']),
    )
    .action(async (ref: string, opts: { json: boolean }) => {
      const { bankShow } = await import('./commands/bank-list.js');
      await bankShow({ ...context(), bank: ref, ...opts });
    });
  bank
    .command('stats')
    .description(
      'how questions and rules do in real calls: asked, skipped, "other", re-asked, answer time; rules fired, Now, Later, noise; what precedes loop-backs and wins',
    )
    .argument('[bank]', 'a bank id, or a bank file for its id (default: every bank seen in sessions)')
    .option('--since <date>', 'only sessions on or after this date (YYYY-MM-DD)')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText(
      'after',
      examples([
        'journey bank stats',
        'journey bank stats knowledge-discovery --since 2026-01-01',
        'journey bank stats options-tour --json',
      ]),
    )
    .action(async (ref: string | undefined, opts: { since?: string; json: boolean }) => {
      const { bankStats } = await import('./commands/bank-stats.js');
      await bankStats({ ...context(), bank: ref, ...opts });
    });
  bank
    .command('new')
    .description('scaffold a commented bank that passes lint and its tests')
    .argument('<file>', 'the bank file to create (never overwritten)')
    .requiredOption('--loop <loop>', 'knowledge, options or results', parseLoop)
    .addHelpText('after', examples(['journey bank new banks/discovery-saas.yaml --loop knowledge']))
    .action(async (file: string, opts: { loop: Loop }) => {
      const { bankNew } = await import('./commands/bank-new.js');
      await bankNew({ ...context(), file, loop: opts.loop });
    });
  bank
    .command('schema')
    .description('print the bank format (or the scenario format) as a JSON Schema (for editors)')
    .option('--scenario', 'the scenario format instead of the bank format', false)
    .addHelpText(
      'after',
      examples([
        'journey bank schema > bank.schema.json',
        'journey bank schema --scenario > scenario.schema.json',
      ]),
    )
    .action(async (opts: { scenario: boolean }) => {
      const { bankSchema } = await import('./commands/bank-schema.js');
      await bankSchema(opts);
    });

  program
    .command('init')
    .description('make a .journey/ data folder here (e.g. in a team repository)')
    .addHelpText('after', examples(['journey init    # run inside the folder, e.g. a team notes repository']))
    .action(async () => {
      const { init } = await import('./commands/init.js');
      await init({ cwd: process.cwd() });
    });

  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `${examples(['journey completion bash'])}
Install (once; new shells then complete commands, options, account names and bank ids):
  bash  add to ~/.bashrc:  source <(journey completion bash)
  zsh   add to ~/.zshrc (after compinit):  source <(journey completion zsh)
  fish  run:  journey completion fish > ~/.config/fish/completions/journey.fish
`,
    )
    .action(async (shell: Shell) => {
      const { completion } = await import('./commands/completion.js');
      await completion({ shell });
    });

  // What the completion scripts call: the candidates for the last word of a command line.
  program
    .command('__complete', { hidden: true })
    .argument('[words...]', 'the words typed so far after `journey`, the one being completed last')
    .action(async (words: string[]) => {
      const { complete } = await import('./commands/completion.js');
      await complete({ ...context(), words, program });
    });

  program
    .command('home')
    .description('print the data folder in use and which rule chose it')
    .option('--json', 'print JSON for scripts', false)
    .addHelpText('after', examples(['journey home', 'JOURNEY_HOME=/tmp/j journey home']))
    .action(async (opts: { json: boolean }) => {
      const { home } = await import('./commands/home.js');
      await home({ ...context(), ...opts });
    });

  return program;
}

export async function run(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    throw new UsageError('no command given');
  }
  // `journey help bank lint`: commander's help command reads one word; the whole path is shown here.
  const helpOf = helpTarget(program, argv.slice(2));
  if (helpOf) helpOf.help();
  // Files a newer journey wrote with keys this release does not know: said once, however the command
  // ends (never to a shell's completion, which reads stdout and stderr alike).
  let action = '';
  program.hook('preAction', (_program, command) => {
    action = command.name();
  });
  try {
    await program.parseAsync(argv);
  } finally {
    if (action !== '' && action !== '__complete') (await import('./app/newer-files.js')).warnOfNewerKeys();
  }
}

/** The command a `help <command> <subcommand>…` line asks about (undefined: not such a line). */
function helpTarget(program: Command, args: readonly string[]): Command | undefined {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      const option = program.options.find((o) => o.long === arg || o.short === arg);
      if (option && (option.required || option.optional)) i++;
      continue;
    }
    words.push(arg);
  }
  if (words[0] !== 'help' || words.length < 3) return undefined;
  let command = program;
  for (const [i, word] of words.slice(1).entries()) {
    const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) {
      const path = ['journey', ...words.slice(1, i + 1)].join(' ');
      throw new UsageError(`${path} has no command "${word}" (${path} --help lists them)`);
    }
    command = next;
  }
  return command;
}
