// Runs one command as a child process and reports its wall time and peak memory (RSS).
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the child: every
// thread of the process, and the largest of any children it waited for) when it is installed; else
// from a preload (`node --import rss-hook.mjs`) that writes `process.resourceUsage().maxRSS` to fd 3
// as the process exits. Node's spawnSync reports no rusage of its children, hence one or the other.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const HOOK = pathToFileURL(join(import.meta.dirname, 'rss-hook.mjs')).href;

function detect() {
  if (process.env.BENCH_RSS === 'hook') return 'hook';
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  if (probe.status === 0 && /^\d+$/.test(probe.stderr.trim())) return 'time';
  return 'hook';
}

/** `time` (GNU time) or `hook` (a preload reading process.resourceUsage() at exit). */
export const RSS_METHOD = detect();
export const RSS_METHOD_TEXT =
  RSS_METHOD === 'time'
    ? 'peak RSS by /usr/bin/time -f %M'
    : 'peak RSS by a preload reading process.resourceUsage().maxRSS at exit (no GNU time, or BENCH_RSS=hook)';

const scratch = mkdtempSync(join(tmpdir(), 'journey-bench-rss-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let serial = 0;

/**
 * Runs `node ...args` once; returns { ms, rssMB }. Throws when the command fails. The wall time
 * includes GNU time's own fork and exec (about a millisecond) when that is the method.
 */
export function measure(args, options = {}) {
  let command = process.execPath;
  let argv = args;
  let report;
  const stdio = ['pipe', 'ignore', 'pipe'];
  if (RSS_METHOD === 'time') {
    report = join(scratch, `rss-${serial++}`);
    command = GNU_TIME;
    argv = ['-f', '%M', '-o', report, process.execPath, ...args];
  } else {
    argv = ['--import', HOOK, ...args];
    stdio.push('pipe');
  }
  const start = process.hrtime.bigint();
  const r = spawnSync(command, argv, { stdio, maxBuffer: 64 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const text = report === undefined ? String(r.output[3]) : readFileSync(report, 'utf8');
  const kb = Number(text.trim().split('\n').pop());
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`no peak RSS reported for ${args.join(' ')}`);
  return { ms, rssMB: kb / 1024 };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
