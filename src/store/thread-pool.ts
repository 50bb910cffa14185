// Work on every core for the commands that read a whole data folder (a first index build, export
// --all): piscina's worker threads run the jobs of pool-worker.ts, built as dist/pool-worker.js.
// A job that fails there, or whose thread dies (out of memory on a huge account, say), comes back as
// undefined, and the caller does it in this thread, where its errors are said as they always are.
// From the TypeScript sources (the tests) there is no built file for a thread to load: no pool.
import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * From this many accounts to read in one run (a first index build, a first export of a team's
 * folder), the accounts are read in threads, and their sessions are not copied into their caches:
 * each is read once, and hundreds of megabytes of copies would only be written.
 */
export const MANY_ACCOUNTS = 64;

/** What the threads can do: the exports of pool-worker.ts. */
export type PoolJob = 'listingFacts' | 'exportAccount';

export interface ThreadPool {
  readonly threads: number;
  /** The job's answer from a worker thread; undefined: do it in this thread. */
  run<A>(job: PoolJob, input: unknown): Promise<A | undefined>;
  close(): Promise<void>;
}

/**
 * `threads` worker threads, started now, each with its heap capped by `heap` (left to its default,
 * a share of the machine's memory, a thread lets garbage pile up to a hundred megabytes and more);
 * undefined when there is no built worker file to run.
 */
export async function threadPool(threads: number, heap: ResourceLimits): Promise<ThreadPool | undefined> {
  const filename = workerFile();
  if (!filename || threads < 1) return undefined;
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: heap,
  });
  return {
    threads,
    run: <A>(job: PoolJob, input: unknown) =>
      (pool.run(input, { name: job }) as Promise<A>).catch(() => undefined),
    close: () => pool.destroy(),
  };
}

/** dist/pool-worker.js, beside the entry this module was bundled into or one folder up from its chunk. */
function workerFile(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  for (const near of ['./pool-worker.js', '../pool-worker.js']) {
    const url = new URL(near, import.meta.url);
    if (existsSync(url)) return url.href;
  }
  return undefined;
}
