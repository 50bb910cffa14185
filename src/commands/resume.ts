// `journey resume <account>`: continue the newest unfinished session where it stopped.
import { findAccount } from '../app/account-lookup.js';
import { recordSession, sessionContext, warnUnreadableBanks, withSessionLock } from '../app/session-run.js';
import { chooseBank } from '../bank/catalog.js';
import { UserError } from '../errors.js';
import { bankShelf } from '../store/bank-shelf.js';
import { rereadSession } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface ResumeOptions extends GlobalOptions {
  account: string;
  bank?: string | undefined;
  answers?: string | undefined;
  /** Take the session over from another journey that holds its lock. */
  stealLock?: boolean | undefined;
}

export async function resume(options: ResumeOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account);
  const found = account.sessions.filter((s) => s.status === 'in_progress').at(-1);
  const file = found && account.files.get(found.id);
  if (!found || !file) {
    throw new UserError(
      `${safeText(account.name)} has no unfinished session: start a new one with journey start`,
    );
  }
  const shelf = await bankShelf(home);
  const bank = await chooseBank({ bank: options.bank ?? found.bank.id, cwd: options.cwd, shelf });
  if (bank.id !== found.bank.id) {
    throw new UserError(`this session used bank "${safeText(found.bank.id)}", not "${safeText(bank.id)}"`);
  }
  await warnUnreadableBanks(shelf);
  await withSessionLock(
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
      const say = options.answers === undefined ? output.out : output.err;
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
          `Resuming the ${session.loop} session with ${safeText(session.account)} from ${session.started.slice(0, 10)}`,
        ),
      );
      const earlier = account.sessions.filter((s) => s.id !== session.id && s.started <= session.started);
      await recordSession({
        home,
        bank,
        ...(await sessionContext(shelf, bank, account, earlier, new Date())),
        session,
        file,
        isNew: false,
        lock,
        answers: options.answers,
        cwd: options.cwd,
      });
    },
  );
}
