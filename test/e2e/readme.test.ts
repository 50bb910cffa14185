// Every command example in README.md runs as written: each line of its ```sh blocks, in order, in a
// shell whose `journey` (and `node bin/journey.js`) is the built binary, against a scratch data folder
// seeded with accounts, deals and a flag the examples name. A new example that does not work fails
// here. Interactive ones (a start, resume or preview without --answers, a discard without --yes) run
// in a real terminal through tmux: a picker gets Enter, a confirmation "y", the first question Ctrl-D
// (save and quit), and the example must still exit 0.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, journey, type Run, tempHome } from './run.js';
import { hasTmux } from './tmux.js';

const ROOT = resolve(import.meta.dirname, '../..');
const README = join(ROOT, 'README.md');

interface Example {
  /** 1-based line in README.md. */
  line: number;
  /** The line as written (what runs, comments and all: the shell drops them). */
  text: string;
  /** What runs: `text`, less a leading `npm install &&`. */
  command: string;
  /** Why it does not run here; undefined: it runs. */
  skip?: string;
  interactive: boolean;
  /** The exit code the README gives it (`# … exit code N`), else 0. */
  exit: number;
}

/** npm lines are the project's own tooling: running them from a test would be recursive or slow. */
const NPM_SKIPS: [RegExp, string][] = [
  [/^npm install\b/, 'installs dependencies: the test suite already runs on an installed tree'],
  [/^npm test\b/, 'runs this very test suite'],
  [/^npm run\b/, 'build/dev/bench scripts: the suite builds once in globalSetup; dev watches forever'],
  [/^npm link\b/, 'changes the global npm prefix'],
];

function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inSh = false;
  markdown.split('\n').forEach((raw, i) => {
    if (/^```sh\s*$/.test(raw)) {
      inSh = true;
      return;
    }
    if (raw.startsWith('```')) {
      inSh = false;
      return;
    }
    const text = raw.trim();
    if (!inSh || text === '' || text.startsWith('#')) return;
    let command = text;
    let skip: string | undefined;
    // `npm install && <command>`: the install is skipped (see NPM_SKIPS), the rest runs.
    const afterInstall = /^npm install\s*&&\s*(.+)$/.exec(text);
    if (afterInstall?.[1]) command = afterInstall[1];
    else skip = NPM_SKIPS.find(([pattern]) => pattern.test(text))?.[1];
    const words = command.replace(/\s+#.*$/, '');
    const sub = /\bjourney(?:\.js)?\s+(start|resume|discard|bank preview)\b/.exec(words)?.[1];
    const interactive =
      (sub !== undefined && sub !== 'discard' && !/--answers\b/.test(words)) ||
      (sub === 'discard' && !/--yes\b/.test(words));
    const exit = Number(/#.*\bexit code (\d+)/.exec(text)?.[1] ?? 0);
    examples.push({ line: i + 1, text, command, skip, interactive, exit });
  });
  return examples;
}

const examples = readmeExamples(await readFile(README, 'utf8'));
const tmux = hasTmux();

let scratch: string;
let cleanup: () => Promise<void>;
/** The data folder is the working folder: `bank preview <id>` finds the bank `bank new banks/…` made. */
let env: Record<string, string>;

const STACK = /^\s+at .+[:(]\d+:\d+\)?$|internal error|This is a bug/m;

/** Runs one line in sh, as a user's shell would, with `journey` on the PATH. */
function shell(command: string, input = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], { cwd: scratch, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const SOCKET = `journey-readme-${process.pid}`;
const tmuxCmd = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

/** Runs one line in a real terminal, answering pickers and confirmations, and Ctrl-D at the first question. */
async function terminal(command: string): Promise<{ code: number; screen: string }> {
  const name = `readme-${Math.random().toString(36).slice(2, 8)}`;
  const vars = Object.entries(env)
    .map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  tmuxCmd(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '120',
    '-y',
    '50',
    // A newline, not `;`: the example's own `# comment` would swallow the rest of the line.
    `cd '${scratch}' && export ${vars} && ${command}\necho "[exit $?]"; sleep 60`,
  );
  try {
    const deadline = Date.now() + 15_000;
    let saved = false;
    let answered = '';
    for (;;) {
      const screen = tmuxCmd('capture-pane', '-p', '-t', name, '-S', '-300');
      const exit = /\[exit (\d+)\]/.exec(screen);
      if (exit) return { code: Number(exit[1]), screen };
      if (/Pane is dead/.test(screen)) throw new Error(`the terminal ended early; screen was:\n${screen}`);
      if (Date.now() > deadline) throw new Error(`timed out; screen was:\n${screen}`);
      const tail = screen.trimEnd().split('\n').slice(-6).join('\n');
      if (!saved && /Ctrl-D saves and quits/.test(screen) && /^\? /m.test(tail)) {
        tmuxCmd('send-keys', '-t', name, 'C-d');
        saved = true;
      } else if (/\(y\/N\)\s*$/.test(screen.trimEnd()) && answered !== tail) {
        tmuxCmd('send-keys', '-t', name, 'y', 'Enter');
        answered = tail;
      } else if (!saved && /↑↓ navigate|❯/.test(tail) && answered !== tail) {
        tmuxCmd('send-keys', '-t', name, 'Enter');
        answered = tail;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    try {
      tmuxCmd('kill-session', '-t', name);
    } catch {
      // already gone
    }
  }
}

beforeAll(async () => {
  ({ home: scratch, cleanup } = await tempHome());
  // A session that outlives every example keeps our tmux server up between them.
  if (tmux) {
    tmuxCmd('new-session', '-d', '-s', 'keeper', '-x', '80', '-y', '24', 'sleep 3600');
    tmuxCmd('set-option', '-g', 'remain-on-exit', 'on');
  }
  const answers = join(FIXTURES, 'answers');
  const seed = async (args: string[], input?: string) => {
    const run = await journey(['--home', scratch, ...args], { input, cwd: scratch });
    expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  };
  // Acme, Inc.: a Knowledge and an Options call (which raises a flag), and two more deals.
  await seed(['start', 'Acme, Inc.', '--loop', 'knowledge', '--answers', join(answers, 'knowledge.yaml')]);
  await seed(['start', 'Acme, Inc.', '--loop', 'options', '--answers', join(answers, 'quick-options.yaml')]);
  const acme = join(scratch, 'accounts', 'acmeinc');
  // The README resolves flag 1rclu65-1: give the options session that raised it that id.
  const options = (await readdir(acme)).find((f) => f.includes('-options-'));
  if (!options) throw new Error('no options session');
  const oldId = options.replace(/\.yaml$/, '');
  const suffix = oldId.split('-').at(-1) as string;
  const newId = oldId.replace(new RegExp(`${suffix}$`), '1rclu65');
  const text = await readFile(join(acme, options), 'utf8');
  await writeFile(join(acme, `${newId}.yaml`), text.replaceAll(suffix, '1rclu65'));
  await rm(join(acme, options));
  await rm(join(scratch, '.cache'), { recursive: true, force: true });
  for (const deal of ['EU rollout', 'APAC'])
    await seed([
      'start',
      'Acme, Inc.',
      '--deal',
      deal,
      '--loop',
      'knowledge',
      '--answers',
      join(answers, 'quick-knowledge.yaml'),
    ]);
  // Globex (a customer in the Results examples) mentions SOC 2; Initech is lost in them.
  const soc2 = (await readFile(join(answers, 'quick-knowledge.yaml'), 'utf8')).replace(
    /^trigger: .*$/m,
    'trigger: Their auditor asked for a SOC 2 report before the renewal',
  );
  await seed(['start', 'Globex', '--loop', 'knowledge', '--answers', '-'], soc2);
  await seed(['start', 'Initech', '--loop', 'knowledge', '--answers', join(answers, 'knowledge.yaml')]);
  const flags = await journey(['--home', scratch, 'flags', '--json'], { cwd: scratch });
  expect(flags.stdout).toContain('1rclu65-1');

  // Files the examples name, in the working folder.
  const readme = await readFile(README, 'utf8');
  const callYaml = /```yaml\n(# call\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!callYaml) throw new Error('README has no "# call.yaml" block');
  await writeFile(join(scratch, 'call.yaml'), callYaml);
  await cp(join(answers, 'quick-knowledge.yaml'), join(scratch, 'call-notes.yaml'));
  await writeFile(
    join(scratch, 'case.yaml'),
    'teams_affected: [Finance, Support]\npriority: 4\nmeasure_today: 12\nagreed_problem: Month-end close takes nine days\n',
  );
  await mkdir(join(scratch, 'my-scenarios'));
  const scenario = (await readdir(join(ROOT, 'test/scenarios'))).find((f) => f.startsWith('healthy-'));
  if (!scenario) throw new Error('no scenario to copy');
  await cp(join(ROOT, 'test/scenarios', scenario), join(scratch, 'my-scenarios', scenario));
  const made = await journey(
    ['--home', scratch, 'bank', 'new', 'my-banks/discovery.yaml', '--loop', 'knowledge'],
    {
      cwd: scratch,
    },
  );
  expect(made.code, made.stderr).toBe(0);
  // A checkout's folders, for `bank lint question-banks/` and `bank test test/scenarios/`.
  await symlink(join(ROOT, 'question-banks'), join(scratch, 'question-banks'));
  await mkdir(join(scratch, 'test'));
  await symlink(join(ROOT, 'test/scenarios'), join(scratch, 'test/scenarios'));
  // `journey` and `node bin/journey.js` are the built binary; `~` is a scratch folder too.
  await mkdir(join(scratch, 'bin'));
  await symlink(BIN, join(scratch, 'bin', 'journey.js'));
  await writeFile(join(scratch, 'bin', 'journey'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });
  await mkdir(join(scratch, 'user-home'));
  env = {
    PATH: `${join(scratch, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: join(scratch, 'user-home'),
    JOURNEY_HOME: scratch,
    NO_COLOR: '1',
    EDITOR: 'false',
    VISUAL: '',
    COLUMNS: '100',
  };
}, 60_000);

afterAll(async () => {
  try {
    execFileSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // no server
  }
  await cleanup?.();
});

describe('README examples', () => {
  it('are found: every ```sh line is run or skipped for a stated reason', () => {
    expect(examples.length).toBeGreaterThan(50);
    for (const e of examples)
      expect(e.skip === undefined || e.text.startsWith('npm '), `line ${e.line}`).toBe(true);
  });

  // In README order: later examples build on earlier ones (a session started, a deal won).
  for (const example of examples) {
    const title = `line ${example.line}: ${example.text}`;
    if (example.skip) {
      it.skip(`${title} (${example.skip})`, () => {});
      continue;
    }
    if (example.interactive) {
      // Without tmux locally these cannot run (hasTmux fails the suite in CI instead).
      it.skipIf(!tmux)(`${title} (in a terminal)`, async () => {
        const { code, screen } = await terminal(
          example.command.replace(/\/tmp\/scratch\b/g, join(scratch, 'tmp-scratch')),
        );
        expect(screen).not.toMatch(STACK);
        expect(code, screen).toBe(example.exit);
      });
      continue;
    }
    it(title, async () => {
      // `/tmp/scratch` in an example is a scratch folder of this run, not the machine's /tmp.
      const command = example.command.replace(/\/tmp\/scratch\b/g, join(scratch, 'tmp-scratch'));
      // jq may not be installed: run the journey part and check its output is JSON.
      const jq = /^(.*?)\s*\|\s*jq\b/.exec(command);
      const run = await shell(jq?.[1] ?? command);
      const shown = `exit ${run.code}\nstdout:\n${run.stdout.slice(0, 2000)}\nstderr:\n${run.stderr}`;
      expect(run.stdout + run.stderr, shown).not.toMatch(STACK);
      expect(run.code, shown).toBe(example.exit);
      if (jq) expect(() => JSON.parse(run.stdout), shown).not.toThrow();
    });
  }
});
