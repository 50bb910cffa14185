// Worker threads for a first index build (or any run reading many accounts): each worker reads whole
// accounts and sends back their listing facts, so a team's sessions are parsed on every core. An
// account with anything to say (a problem, keys this release does not know) is sent back unread, to
// be read again in the main thread, where its warnings are said and its files noted as every run does.
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ListingFacts } from '../journey/listing-facts.js';
import { type FactsRoles, readAccountFacts } from './account-facts.js';

const ROLE = 'journey-listing-facts';
/**
 * Each worker's young generation: a worker keeps one account at a time, and V8's default (up to
 * 48 MB) would only hold more garbage between collections, in every worker.
 */
const YOUNG_MB = 8;

interface PoolData {
  role: typeof ROLE;
  home: string;
  roles: FactsRoles | undefined;
}

interface Job {
  id: number;
  dir: string;
  slug: string;
}

type Reply = { id: number; clean: true; facts: ListingFacts | undefined } | { id: number; clean: false };

/** A clean account's facts, or undefined when the main thread should read it itself. */
export type PoolRead = { facts: ListingFacts | undefined } | undefined;

export interface ListingPool {
  read(dir: string, slug: string): Promise<PoolRead>;
  close(): Promise<void>;
}

/**
 * Starts `size` workers on the chunk of the built bundle this module is in. Undefined when run from
 * the TypeScript sources (tests), where there is no such file for a worker to load.
 */
export function startListingPool(
  home: string,
  roles: FactsRoles | undefined,
  size: number,
): ListingPool | undefined {
  if (!import.meta.url.endsWith('.js') || size < 1) return undefined;
  const data: PoolData = { role: ROLE, home, roles };
  const workers = Array.from({ length: size }, () => poolWorker(new URL(import.meta.url), data));
  let next = 0;
  return {
    read(dir, slug) {
      const alive = workers.filter((w) => !w.dead);
      // Least busy first: accounts differ in size.
      const worker = alive.sort((a, b) => a.pending.size - b.pending.size)[0];
      if (!worker) return Promise.resolve(undefined);
      const id = next++;
      return new Promise<PoolRead>((resolve) => {
        worker.pending.set(id, resolve);
        worker.thread.postMessage({ id, dir, slug } satisfies Job);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.thread.terminate()));
    },
  };
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, (read: PoolRead) => void>;
  dead: boolean;
}

function poolWorker(url: URL, data: PoolData): PoolWorker {
  const thread = new Worker(url, {
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  const worker: PoolWorker = { thread, pending: new Map(), dead: false };
  worker.thread.on('message', (reply: Reply) => {
    const resolve = worker.pending.get(reply.id);
    worker.pending.delete(reply.id);
    resolve?.(reply.clean ? { facts: reply.facts } : undefined);
  });
  // A worker that fails hands its accounts back to the main thread.
  const fail = () => {
    worker.dead = true;
    for (const resolve of worker.pending.values()) resolve(undefined);
    worker.pending.clear();
  };
  worker.thread.on('error', fail);
  worker.thread.on('exit', fail);
  return worker;
}

function isPoolData(value: unknown): value is PoolData {
  return typeof value === 'object' && value !== null && (value as { role?: unknown }).role === ROLE;
}

/** A worker's side: one account at a time, so what it notes is that account's alone. */
function serve(port: MessagePort, data: PoolData): void {
  let queue = Promise.resolve();
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      let reply: Reply;
      try {
        const read = await readAccountFacts(data.home, job.dir, job.slug, data.roles, { remember: false });
        reply = read.clean ? { id: job.id, clean: true, facts: read.facts } : { id: job.id, clean: false };
      } catch {
        reply = { id: job.id, clean: false };
      }
      port.postMessage(reply);
    });
  });
}

if (!isMainThread && parentPort && isPoolData(workerData)) serve(parentPort, workerData);
