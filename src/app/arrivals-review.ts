// The review of what a pull brought, as sync and the pull before a call use it: the loop-backs the
// merged history raises (written as flag_raised records), the calls it could not review, and the
// conflicting closes and names, told in lines.
import { relative, sep } from 'node:path';

export interface ArrivalLines {
  lines: string[];
  /** The flag_raised records written, relative to the data folder. */
  written: string[];
}

export async function reviewArrived(
  home: string,
  arrived: { paths: readonly string[]; local: readonly string[] },
  rep: string,
  now: Date,
): Promise<ArrivalLines> {
  // Loaded only when something arrived: a sync with nothing new starts as fast as it can.
  const [{ reviewArrivals }, { renderArrivals }] = await Promise.all([
    import('./arrivals.js'),
    import('../ui/render-arrivals.js'),
  ]);
  const review = await reviewArrivals(home, arrived, { rep, now });
  return {
    lines: renderArrivals(review),
    written: review.accounts.flatMap((a) =>
      a.written.map((file) => relative(home, file).split(sep).join('/')),
    ),
  };
}
