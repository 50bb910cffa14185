// What journey's worker threads run (store/thread-pool.ts), built as dist/pool-worker.js: each
// export is a job, taking one input and answering with what can be sent back to the main thread.
export { exportAccountJob as exportAccount } from './app/export-worker.js';
export { listingFactsJob as listingFacts } from './store/listing-pool.js';
