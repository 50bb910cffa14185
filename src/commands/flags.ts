// `journey flags`: open loop-back flags across accounts; `journey flags resolve`: close one by hand.
import { findAccount } from '../app/account-lookup.js';
import { UserError } from '../errors.js';
import { bankById, lastBankOf } from '../journey/bank-in-use.js';
import { flagsByDeal } from '../journey/deals.js';
import { type FlagView, withRevisitAsks } from '../journey/flags.js';
import { flagResolvedRecord } from '../journey/records.js';
import { closest } from '../model/suggest.js';
import { catalogOutlines } from '../store/bank-outlines.js';
import { indexedAccounts, inFolderOrder } from '../store/listing-index.js';
import { eachAccount } from '../store/load-account.js';
import { writeFlagResolution } from '../store/records.js';
import { whoIsRep } from '../store/rep.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface FlagsOptions extends GlobalOptions {
  account?: string | undefined;
  all: boolean;
  json: boolean;
}

export interface ResolveOptions extends GlobalOptions {
  flag: string;
  note?: string | undefined;
}

/** Every flag of every account, one account read at a time (only the flags are kept); problems reported. */
async function everyFlag(home: string): Promise<FlagView[]> {
  const views: FlagView[] = [];
  for await (const account of eachAccount(home)) {
    for (const problem of account.problems) output.err(`warning: ${safeText(problem)}`);
    views.push(...flagsByDeal(account));
  }
  return views;
}

/** An account's flags with the bank its latest Knowledge session used. */
interface FlagsOf {
  flags: FlagView[];
  knowledgeBank: string | null;
}

export async function flags(options: FlagsOptions): Promise<void> {
  const home = findHome(options).dir;
  // Each account's flags with the bank its latest Knowledge session used: from the session index,
  // so every account's sessions are not read (or held) to list them.
  const found: FlagsOf[] = [];
  if (options.account) {
    const a = await findAccount(home, options.account);
    found.push({ flags: flagsByDeal(a), knowledgeBank: lastBankOf(a.sessions, 'knowledge') });
  } else {
    const indexed: { order: number; problems: string[]; facts: FlagsOf | undefined }[] = [];
    for await (const a of indexedAccounts(home)) {
      // Kept only with flags or problems to show: most accounts of a large folder have neither.
      const facts = a.facts?.flags.length
        ? { flags: a.facts.flags, knowledgeBank: a.facts.knowledgeBank }
        : undefined;
      const problems = [...a.problems, ...a.recordProblems];
      if (facts || problems.length > 0) indexed.push({ order: a.order, problems, facts });
    }
    // Accounts come from the index shard by shard: put back in folder order.
    for (const a of inFolderOrder(indexed)) {
      for (const problem of a.problems) output.err(`warning: ${safeText(problem)}`);
      if (a.facts) found.push(a.facts);
    }
  }
  const outlines = await catalogOutlines(home);
  // Each flag with the questions to revisit, as the Knowledge bank its account uses asks them.
  const views = found
    .flatMap((a) => withRevisitAsks(a.flags, bankById(a.knowledgeBank, 'knowledge', outlines)))
    .filter((v) => options.all || v.status === 'open');
  if (options.json) {
    output.json({ flags: views });
    return;
  }
  if (views.length === 0) {
    output.out(options.all ? 'No loop-back flags yet.' : 'No open loop-back flags.');
    return;
  }
  await (await import('../ui/layout.js')).widthsReady([JSON.stringify(views)]);
  const { renderFlagViews } = await import('../ui/render-prep.js');
  output.out(renderFlagViews(views));
}

export async function resolveFlag(options: ResolveOptions): Promise<void> {
  const home = findHome(options).dir;
  const views = await everyFlag(home);
  const view = views.find((v) => v.flag.id === options.flag);
  if (!view) {
    // Only an open flag is worth suggesting: a resolved one has nothing left to resolve.
    const near = closest(
      options.flag,
      views.filter((v) => v.status === 'open').map((v) => v.flag.id),
    );
    throw new UserError(
      `no flag "${safeText(options.flag)}"${near ? `; did you mean "${near}"?` : ' (journey flags lists the open ones)'}`,
    );
  }
  const account = safeText(view.account);
  if (view.status === 'resolved') {
    output.out(
      `Flag ${view.flag.id} of ${account} is already resolved (${view.resolution?.how.replace('_', ' ')}, ${view.resolution?.at.slice(0, 10)}); nothing written.`,
    );
    return;
  }
  const now = new Date();
  // Written under the flag's lock, after a fresh look at the account's records: of two people
  // resolving it at once in this data folder, one writes it.
  const written = await writeFlagResolution(
    home,
    flagResolvedRecord(view.account, view.flag.id, options.note?.trim() || undefined, now, {
      deal: view.session.deal,
      rep: await whoIsRep(home),
    }),
  );
  if (!written.written) {
    output.out(
      `Flag ${view.flag.id} of ${account} is already resolved (just now, by another journey); nothing written.`,
    );
    return;
  }
  output.out(`Resolved flag ${view.flag.id} of ${account}: ${safeText(view.flag.message.trim())}`);
}
