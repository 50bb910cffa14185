// The review of what a pull brought, as sync and the pull before a call use it: the loop-backs the
// merged history raises (written as flag_raised records), the calls it could not review, and the
// conflicting closes and names, told in lines.
import { relative, sep } from 'node:path';
import type { ArrivalReviewer } from './sync.js';

export interface ArrivalLines {
  lines: string[];
  /** The flag_raised records written, relative to the data folder. */
  written: string[];
}

/** How sync and the sync before a call review what a pull brought. */
export const arrivalReviewer: ArrivalReviewer<ArrivalLines> = {
  prepare: () => void loaded().catch(() => undefined),
  review,
};

let loading:
  | Promise<[typeof import('./arrivals.js'), typeof import('../ui/render-arrivals.js'), unknown]>
  | undefined;

/**
 * The review's modules: loaded only when something arrives (a sync with nothing new starts as fast
 * as it can), and from the moment it is known, so they load while git rebases.
 */
function loaded() {
  loading ??= Promise.all([
    import('./arrivals.js'),
    import('../ui/render-arrivals.js'),
    // What reading the arrived calls parses them with (loaded by the read itself otherwise).
    import('../store/session-file.js'),
  ]);
  return loading;
}

async function review(
  home: string,
  arrived: { paths: readonly string[]; local: readonly string[] },
  rep: string,
  now: Date,
): Promise<ArrivalLines> {
  const [{ reviewArrivals }, { renderArrivals }] = await loaded();
  const found = await reviewArrivals(home, arrived, { rep, now });
  return {
    lines: renderArrivals(found),
    written: found.accounts.flatMap((a) =>
      a.written.map((file) => relative(home, file).split(sep).join('/')),
    ),
  };
}
