// `journey discard <account>`: delete the newest unfinished session (one started in the wrong loop,
// say), so that resume stops picking it up. Asks first on a terminal; a script passes --yes.
import { findAccount } from '../app/account-lookup.js';
import { newestUnfinished } from '../app/deal-choice.js';
import { discardSession, withSessionLock } from '../app/session-run.js';
import { UsageError, UserError } from '../errors.js';
import { answeredCount } from '../model/session.js';
import { rereadSession } from '../store/sessions.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface DiscardOptions extends GlobalOptions {
  account: string;
  /** Only that deal's unfinished sessions. */
  deal?: string | undefined;
  /** Do not ask (needed without a terminal). */
  yes?: boolean | undefined;
}

export async function discard(options: DiscardOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account);
  const { session: found, file } = newestUnfinished(account, options.deal) ?? {};
  if (!found || !file) {
    const which = options.deal === undefined ? '' : ` in the deal "${safeText(options.deal)}"`;
    throw new UserError(`${safeText(account.name)} has no unfinished session${which} to discard`);
  }
  await withSessionLock({ home, session: found, command: 'resume' }, async () => {
    // Read again under the lock: another journey may have finished it meanwhile.
    const session = await rereadSession(file);
    if (session.status !== 'in_progress') {
      throw new UserError(
        `${safeText(session.account)}'s session ${session.id} was finished meanwhile: nothing discarded`,
      );
    }
    const what = `the unfinished ${session.loop} session with ${safeText(session.account)}${session.deal ? ` (deal: ${safeText(session.deal)})` : ''} from ${session.started.slice(0, 10)} (${answeredCount(session)} answer(s), ${session.notes.length} note(s))`;
    if (!options.yes) {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UsageError(
          `discarding deletes ${what}: without a terminal to ask on, pass --yes (journey discard ${shellQuote(session.account)} --yes)`,
        );
      }
      const { confirmOnTerminal } = await import('../ui/prompts.js');
      if (!(await confirmOnTerminal(`Discard ${what}? It is deleted from the data folder.`, false))) {
        output.out('Nothing discarded.');
        return;
      }
    }
    await discardSession(home, session, file);
  });
}
