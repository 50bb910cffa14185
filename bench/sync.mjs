// `journey sync` of a team repository with 10,000 sessions, against the bare git it runs: the same
// commit, `git pull --rebase` and `git push` typed by hand, on an identical copy of the same state.
// Each round: a teammate pushed 5 new sessions, and this rep recorded 5 of their own.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHome } from './fixtures.mjs';
import { measure } from './measure.mjs';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  // No background gc writing into a repository while a round removes it.
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'gc.auto',
  GIT_CONFIG_VALUE_0: '0',
};

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

function timed(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Copies of `count` sessions of `from` under new ids, in a few account folders: new calls. */
function recordSessions(home, count, tag) {
  const accounts = join(home, 'accounts');
  const folders = readdirSync(accounts).slice(0, count);
  folders.forEach((folder, i) => {
    const dir = join(accounts, folder);
    const [name] = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    const text = readFileSync(join(dir, name), 'utf8');
    const oldId = name.replace(/\.yaml$/, '');
    const newId = oldId.replace(/-b[0-9]+$/, `-${tag}${String(i).padStart(4, '0')}`);
    writeFileSync(join(dir, `${newId}.yaml`), text.replaceAll(oldId, newId));
  });
}

export function syncBench(work, bin, { rounds = 5, accounts = 500, perAccount = 20 } = {}) {
  const seed = join(work, 'sync-seed');
  generateHome(seed, accounts, perAccount);
  git(seed, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(seed, '.gitignore'), '.cache/\n.locks/\n.*.tmp\nexports/\n');
  git(seed, 'add', '--all');
  git(seed, 'commit', '--quiet', '-m', 'seed');
  const bare = join(work, 'sync-team.git');
  git(work, 'clone', '--quiet', '--bare', seed, bare);
  const teammate = join(work, 'sync-teammate');
  git(work, 'clone', '--quiet', bare, teammate);
  const me = join(work, 'sync-me');
  git(work, 'clone', '--quiet', bare, me);
  // A rep's own clone has its listing and bank caches warm (they ran accounts and prep today).
  spawnSync(process.execPath, [bin, '--home', me, 'accounts'], { stdio: 'ignore' });
  spawnSync(process.execPath, [bin, '--home', me, 'prep', 'Account 0'], { stdio: 'ignore' });

  // Rounds alternate between journey and git by hand in the same clone, so both meet the same
  // repository (a few files bigger each round) and the same machine load. The first pair is not
  // counted (as warm rows elsewhere: after one unmeasured run): in a clone made a moment ago git
  // re-reads every file whose stamp matches its index's, whoever runs first. It is printed.
  const journeyTimes = [];
  const journeyRss = [];
  const gitTimes = [];
  const first = {};
  for (let round = 0; round < (rounds + 1) * 2; round++) {
    // A letter per round keeps every new session id seven characters long, as journey writes them.
    const tag = String.fromCharCode(97 + round);
    recordSessions(teammate, 5, `t${tag}x`);
    git(teammate, 'add', '--all');
    git(teammate, 'commit', '--quiet', '-m', `teammate round ${round}`);
    git(teammate, 'push', '--quiet', 'origin', 'HEAD:main');
    recordSessions(me, 5, `m${tag}x`);
    if (round % 2 === 0) {
      // Peak RSS of journey or of the largest git it ran (ru_maxrss of the child and its waited-for
      // children), from the timed run: GNU time adds about a millisecond.
      let rss = 0;
      const ms = timed(() => {
        rss = measure([bin, '--home', me, 'sync', '--quiet'], { env: GIT_ENV }).rssMB;
      });
      if (round === 0) first.journey = ms;
      else {
        journeyTimes.push(ms);
        journeyRss.push(rss);
      }
    } else {
      const ms = timed(() => {
        git(me, 'add', '--all');
        git(me, 'commit', '--quiet', '-m', 'by hand');
        git(me, 'pull', '--quiet', '--rebase', 'origin', 'main');
        git(me, 'push', '--quiet', 'origin', 'HEAD:main');
      });
      if (round === 1) first.git = ms;
      else gitTimes.push(ms);
    }
    git(teammate, 'pull', '--quiet', '--rebase', 'origin', 'main');
  }
  const j = median(journeyTimes);
  const g = median(gitTimes);
  const ratio = j / g;
  console.log(
    `${`journey sync (${accounts * perAccount} sessions, +5 each way)`.padEnd(44)} ${j.toFixed(1).padStart(7)} ms   git by hand ${g.toFixed(1).padStart(6)} ms   ratio ${ratio.toFixed(2)}   ${Math.max(
      ...journeyRss,
    )
      .toFixed(0)
      .padStart(4)} MB   ${ratio <= 2 ? 'goal ≤ 2: met' : 'goal ≤ 2: MISSED'}`,
  );
  console.log(
    `${'  first sync after a fresh clone (not counted)'.padEnd(44)} ${first.journey.toFixed(1).padStart(7)} ms   git by hand ${first.git.toFixed(1).padStart(6)} ms`,
  );
  return { ms: j, baseline: g, ratio, rssMB: Math.max(...journeyRss) };
}
