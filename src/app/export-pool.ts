// Reading and rendering accounts for `export --all` on every core: worker threads (one per core but
// one, two at most, started on the first account that needs reading) and this thread, when it has no
// note to write, each read and render an account at a time. Where there are no threads (the sources
// run by the tests, not the built bundle), accounts are prepared in this thread alone, with the same
// result. A job that fails in a thread, or whose thread dies, is done again here, so its error is
// thrown as it would be in this thread (a UserError stays one, with its message).
import { availableParallelism } from 'node:os';
import { MANY_ACCOUNTS, type ThreadPool, threadPool } from '../store/thread-pool.js';
import {
  type AccountJob,
  type AccountRendering,
  type PreparedAccount,
  prepareAccount,
} from './export-worker.js';

export interface AccountPool {
  /** Accounts worth asking for at once: enough to keep every thread busy. */
  readonly ahead: number;
  prepare(dir: string, slug: string): Promise<PreparedAccount | undefined>;
  close(): Promise<void>;
}

/**
 * A thread's heap, capped: left to its default (a share of the machine's memory) a thread lets
 * garbage pile up to a hundred megabytes and more. An account too large for it is prepared in this
 * thread instead.
 */
const THREAD_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/**
 * Threads at most, whatever the cores: each holds its own heap (20 to 40 MB more peak memory each),
 * and an export keeps under 250 MB.
 */
const MAX_THREADS = 2;

/** Jobs a thread is given at once: the next one is there when it finishes one. */
const JOBS_PER_THREAD = 2;

interface Waiting {
  dir: string;
  slug: string;
  resolve: (prepared: PreparedAccount | undefined) => void;
  reject: (error: Error) => void;
}

/** A pool for `accounts` accounts: from MANY_ACCOUNTS, read without copying sessions into their caches. */
export function accountPool(home: string, rendering: AccountRendering, accounts: number): AccountPool {
  const remember = accounts < MANY_ACCOUNTS;
  const here = (dir: string, slug: string) => prepareAccount(home, dir, slug, rendering, { remember });
  // This thread is one of the lanes: one thread fewer to start and to hold in memory.
  const size = Math.min(availableParallelism() - 1, MAX_THREADS);
  if (size < 1) return { ahead: JOBS_PER_THREAD, prepare: here, close: async () => undefined };
  let threads: Promise<ThreadPool | undefined> | undefined;
  const queue: Waiting[] = [];
  let inThreads = 0;
  let hereBusy = false;
  const dispatch = (pool: ThreadPool | undefined) => {
    while (pool && inThreads < pool.threads * JOBS_PER_THREAD && queue.length > 0) {
      const { dir, slug, resolve, reject } = queue.shift() as Waiting;
      inThreads++;
      const job: AccountJob = { home, rendering, dir, slug, remember };
      pool
        .run<{ prepared: PreparedAccount | undefined }>('exportAccount', job)
        .then((answer) => (answer ? answer.prepared : here(dir, slug)))
        .then(resolve, reject)
        .finally(() => {
          inThreads--;
          dispatch(pool);
        });
    }
    const next = hereBusy ? undefined : queue.shift();
    if (!next) return;
    hereBusy = true;
    // On a later turn: the notes waiting to be written, and the threads' answers, go first.
    setImmediate(() => {
      here(next.dir, next.slug)
        .then(next.resolve, next.reject)
        .finally(() => {
          hereBusy = false;
          dispatch(pool);
        });
    });
  };
  return {
    ahead: size * JOBS_PER_THREAD + 1,
    prepare(dir, slug) {
      // Started on the first account that needs reading: an unchanged export starts none.
      threads ??= threadPool(size, THREAD_HEAP).catch(() => undefined);
      return new Promise((resolve, reject) => {
        queue.push({ dir, slug, resolve, reject });
        void threads?.then(dispatch);
      });
    },
    async close() {
      await (await threads)?.close();
    },
  };
}
