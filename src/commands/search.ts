// `journey search <words...>`: answers and notes of every session that hold every word (without case
// or accents), by account. Reads sessions through their caches and writes no session.
import { findAccount } from '../app/account-lookup.js';
import { sinceOption } from '../app/since.js';
import { UsageError } from '../errors.js';
import { queryWords, type SearchHit, searchSessions } from '../journey/search.js';
import type { Loop } from '../model/loop.js';
import { eachAccount } from '../store/load-account.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SearchOptions extends GlobalOptions {
  words: string[];
  account?: string | undefined;
  loop?: Loop | undefined;
  since?: string | undefined;
  json: boolean;
}

export async function search(options: SearchOptions): Promise<void> {
  const words = queryWords(options.words);
  const query = options.words.join(' ').trim();
  if (words.length === 0)
    throw new UsageError('search needs a word to look for, e.g. journey search "SOC 2"');
  sinceOption(options.since);
  const home = findHome(options).dir;
  const filters = { loop: options.loop, since: options.since };
  const hits: SearchHit[] = [];
  if (options.account) {
    hits.push(...searchSessions((await findAccount(home, options.account)).sessions, words, filters));
  } else {
    // One account at a time: only the hits are kept, never every session of the data folder.
    for await (const account of eachAccount(home)) {
      for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
      hits.push(...searchSessions(account.sessions, words, filters));
    }
  }
  if (options.json) {
    output.json({
      query,
      results: hits.map(({ spans: _, ...hit }) => hit),
    });
    return;
  }
  if (hits.length === 0) {
    output.out(`No answer or note holds ${safeText(JSON.stringify(query))}${scope(options)}.`);
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(hits)]);
  const { renderSearch } = await import('../ui/render-search.js');
  output.out(renderSearch(hits));
}

function scope(options: SearchOptions): string {
  const parts = [
    options.account ? `in ${safeText(options.account)}` : '',
    options.loop ? `in ${options.loop} sessions` : '',
    options.since ? `since ${safeText(options.since)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
