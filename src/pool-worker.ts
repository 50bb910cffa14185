// What journey's worker threads run (store/thread-pool.ts), built as dist/pool-worker.js: each
// export is a job, taking one input and answering with what can be sent back to the main thread.
export { listingFactsJob as listingFacts } from './store/listing-pool.js';
