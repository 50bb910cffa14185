// Reading and rendering accounts for `export --all` on every core: worker threads (one per core but
// one, two at most, started on the first account that needs reading) and this thread, when it has no
// note to write, each read and render an account at a time. Where workers cannot load this code (the
// sources run by the tests, not the built bundle), accounts are prepared in this thread alone, with
// the same result.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type AccountJob,
  type AccountRendering,
  type JobAnswer,
  POOL_WORKER,
  type PreparedAccount,
  prepareAccount,
  workerModule,
} from './export-worker.js';

export interface AccountPool {
  /** Accounts worth asking for at once: enough to keep every worker busy. */
  readonly ahead: number;
  prepare(dir: string, slug: string): Promise<PreparedAccount | undefined>;
  close(): Promise<void>;
}

/**
 * A worker's heap, capped: left to its default (a share of the machine's memory) a worker lets
 * garbage pile up to a hundred megabytes and more. An account too large for it is prepared in this
 * thread instead (see `died`).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/**
 * Workers at most, whatever the cores: each holds its own heap (20 to 40 MB more peak memory each),
 * and an export keeps under 250 MB.
 */
const MAX_WORKERS = 2;

/** Jobs a worker is given at once: the next one is there when it finishes one. */
const JOBS_PER_WORKER = 2;

interface Waiting {
  job: AccountJob;
  resolve: (prepared: PreparedAccount | undefined) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Waiting>;
}

export function accountPool(home: string, rendering: AccountRendering): AccountPool {
  const here = (dir: string, slug: string) => prepareAccount(home, dir, slug, rendering);
  // This thread is one of the lanes: one worker fewer to start and to hold in memory.
  const size = Math.min(availableParallelism() - 1, MAX_WORKERS);
  // The built bundle is JavaScript a worker can load; the TypeScript sources under test are not.
  if (size < 1 || !workerModule.endsWith('.js')) {
    return { ahead: JOBS_PER_WORKER, prepare: here, close: async () => undefined };
  }
  const workers: PoolWorker[] = [];
  const queue: Waiting[] = [];
  let serial = 0;
  let hereBusy = false;
  const dispatch = () => {
    for (const w of workers) {
      while (w.jobs.size < JOBS_PER_WORKER && queue.length > 0) {
        const next = queue.shift() as Waiting;
        w.jobs.set(next.job.id, next);
        w.worker.postMessage(next.job);
      }
    }
    const next = hereBusy ? undefined : queue.shift();
    if (!next) return;
    hereBusy = true;
    // On a later turn: the notes waiting to be written, and the workers' answers, go first.
    setImmediate(() => {
      here(next.job.dir, next.job.slug)
        .then(next.resolve, next.reject)
        .finally(() => {
          hereBusy = false;
          dispatch();
        });
    });
  };
  // A worker that died (out of memory on a huge account, say) leaves its jobs to this thread, and
  // the jobs still queued to the others.
  const died = (dead: PoolWorker) => {
    const at = workers.indexOf(dead);
    if (at >= 0) workers.splice(at, 1);
    for (const waiting of dead.jobs.values()) {
      here(waiting.job.dir, waiting.job.slug).then(waiting.resolve, waiting.reject);
    }
    dead.jobs.clear();
  };
  return {
    ahead: size * JOBS_PER_WORKER + 1,
    prepare(dir, slug) {
      if (workers.length === 0 && serial === 0) {
        for (let i = 0; i < size; i++) workers.push(startWorker(home, rendering, dispatch, died, here));
      }
      return new Promise((resolve, reject) => {
        queue.push({ job: { id: serial++, dir, slug }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function startWorker(
  home: string,
  rendering: AccountRendering,
  dispatch: () => void,
  died: (dead: PoolWorker) => void,
  here: (dir: string, slug: string) => Promise<PreparedAccount | undefined>,
): PoolWorker {
  const worker = new Worker(new URL(workerModule), {
    workerData: { [POOL_WORKER]: true, home, rendering },
    resourceLimits: WORKER_HEAP,
  });
  const w: PoolWorker = { worker, jobs: new Map() };
  worker.on('message', (answer: JobAnswer) => {
    const waiting = w.jobs.get(answer.id);
    w.jobs.delete(answer.id);
    // An account that failed there is prepared again here, so it fails as it would in this thread
    // (a UserError stays one, with its message).
    if ('error' in answer)
      waiting && here(waiting.job.dir, waiting.job.slug).then(waiting.resolve, waiting.reject);
    else waiting?.resolve(answer.prepared);
    dispatch();
  });
  let dead = false;
  const fail = () => {
    if (dead) return;
    dead = true;
    died(w);
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  return w;
}
