// `journey resume <account>`: continue the newest unfinished session where it stopped.
import { findAccount } from '../app/account-lookup.js';
import { atTerminal, newestUnfinished } from '../app/deal-choice.js';
import { offerNewDeal } from '../app/new-deal.js';
import { recordSession, sessionContext, warnUnreadableBanks, withSessionLock } from '../app/session-run.js';
import { refuseDuringRebase } from '../app/sync-first.js';
import { chooseBank } from '../bank/catalog.js';
import { UserError } from '../errors.js';
import { dealKey, dealsOf, dealView } from '../journey/deals.js';
import { bankShelf } from '../store/bank-shelf.js';
import { loadCheckedCatalog } from '../store/checked-banks.js';
import { rereadSession } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface ResumeOptions extends GlobalOptions {
  /** As typed; none: a picker on a terminal, a usage error for a script. */
  account?: string | undefined;
  bank?: string | undefined;
  /** Only that deal's unfinished sessions. */
  deal?: string | undefined;
  answers?: string | undefined;
  /** Take the session over from another journey that holds its lock. */
  stealLock?: boolean | undefined;
}

export async function resume(options: ResumeOptions): Promise<void> {
  const home = findHome(options).dir;
  await refuseDuringRebase(home);
  const account = await findAccount(home, options.account, {
    interactive: atTerminal(options.answers),
    command: 'resume',
  });
  const { session: found, file } = newestUnfinished(account, options.deal) ?? {};
  if (!found || !file) {
    const which = options.deal === undefined ? '' : ` in the deal "${safeText(options.deal)}"`;
    throw new UserError(
      `${safeText(account.name)} has no unfinished session${which}: start a new one with journey start`,
    );
  }
  const dealKeyOf = dealKey(found.deal);
  const deal =
    dealsOf(account).find((d) => d.key === dealKeyOf) ?? dealView(account, dealKeyOf, found.deal ?? '');
  const shelf = await bankShelf(home);
  // The run's catalog (what chooseBank and the session's context read) from the banks checked before.
  await loadCheckedCatalog(home, shelf);
  const full = await chooseBank({ bank: options.bank ?? found.bank.id, cwd: options.cwd, shelf }).catch(
    (error: unknown) => {
      // A session started with a bank file: that file is needed again.
      if (options.bank !== undefined || !(error instanceof UserError)) throw error;
      throw new UserError(
        `this session used the bank "${safeText(found.bank.id)}", which is not installed: resume it with the bank file it was started with, journey resume ${shellQuote(found.account)}${found.deal ? ` --deal ${shellQuote(found.deal)}` : ''} --bank <file>`,
      );
    },
  );
  // A short call stays short: only the core questions are left to ask.
  const bank = found.quick ? (await import('../bank/quick.js')).quickBank(full) : full;
  if (bank.id !== found.bank.id) {
    throw new UserError(`this session used bank "${safeText(found.bank.id)}", not "${safeText(bank.id)}"`);
  }
  await warnUnreadableBanks(shelf);
  const ended = await withSessionLock(
    { home, session: found, command: 'resume', steal: options.stealLock },
    async (lock) => {
      // Read again under the lock: another journey may have added answers, or finished it, meanwhile.
      const session = await rereadSession(file);
      if (session.status === 'complete') {
        throw new UserError(
          `${safeText(session.account)} has no unfinished session (another journey finished ${session.id} meanwhile): start a new one with journey start`,
        );
      }
      const { style } = await import('../ui/render.js');
      const { wrapToTerminal } = await import('../ui/layout.js');
      const say = (text: string) =>
        (options.answers === undefined ? output.out : output.err)(wrapToTerminal(text));
      if (bank.hash !== session.bank.hash) {
        output.err(
          style.warn(
            `warning: bank ${safeText(bank.id)} changed since this session began (version ${session.bank.version} → ${bank.version}); ` +
              'answers already given are kept and the remaining questions come from the current bank',
          ),
        );
      }
      say(
        style.title(
          `Resuming the ${session.loop} session with ${safeText(session.account)}${session.deal ? ` (deal: ${safeText(session.deal)})` : ''} from ${session.started.slice(0, 10)}`,
        ),
      );
      const earlier = deal.sessions.filter((s) => s.id !== session.id && s.started <= session.started);
      return recordSession({
        home,
        bank,
        ...(await sessionContext(shelf, bank, deal, earlier, new Date())),
        session,
        file,
        isNew: false,
        lock,
        answers: options.answers,
        cwd: options.cwd,
      });
    },
  );
  await offerNewDeal({ home, account, session: ended, interactive: atTerminal(options.answers) });
}
