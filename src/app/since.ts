// --since, as every command that takes it reads it: a date as YYYY-MM-DD.
import { UsageError } from '../errors.js';
import { dateProblem } from '../model/dates.js';

export function sinceOption(since: string | undefined): string | undefined {
  const problem = since === undefined ? undefined : dateProblem(since);
  if (problem) throw new UsageError(`--since takes a date as YYYY-MM-DD: ${problem}`);
  return since;
}
