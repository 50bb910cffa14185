// `journey resume <account>`: continue the newest unfinished session where it stopped.
import { findAccount } from '../app/account-lookup.js';
import { recordSession, sessionContext } from '../app/session-run.js';
import { chooseBank } from '../bank/catalog.js';
import { UserError } from '../errors.js';
import { bankShelf } from '../store/bank-shelf.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface ResumeOptions extends GlobalOptions {
  account: string;
  bank?: string | undefined;
  answers?: string | undefined;
}

export async function resume(options: ResumeOptions): Promise<void> {
  const home = findHome(options).dir;
  const account = await findAccount(home, options.account);
  const session = account.sessions.filter((s) => s.status === 'in_progress').at(-1);
  if (!session) {
    throw new UserError(`${account.name} has no unfinished session: start a new one with journey start`);
  }
  const shelf = await bankShelf(home);
  const bank = await chooseBank({ bank: options.bank ?? session.bank.id, cwd: options.cwd, shelf });
  if (bank.id !== session.bank.id) {
    throw new UserError(`this session used bank "${session.bank.id}", not "${bank.id}"`);
  }
  const { style } = await import('../ui/render.js');
  const say = options.answers === undefined ? output.out : output.err;
  if (bank.hash !== session.bank.hash) {
    output.err(
      style.warn(
        `warning: bank ${bank.id} changed since this session began (version ${session.bank.version} → ${bank.version}); ` +
          'answers already given are kept and the remaining questions come from the current bank',
      ),
    );
  }
  say(
    style.title(
      `Resuming the ${session.loop} session with ${session.account} from ${session.started.slice(0, 10)}`,
    ),
  );
  const earlier = account.sessions.filter((s) => s.id !== session.id && s.started <= session.started);
  await recordSession({
    home,
    bank,
    ...(await sessionContext(shelf, bank, account, earlier, new Date())),
    session,
    isNew: false,
    answers: options.answers,
    cwd: options.cwd,
  });
}
