// `journey resume <account>`: continue the newest unfinished session where it stopped.
import { chooseBank } from '../bank/catalog.js';
import { UserError } from '../errors.js';
import { loadAccount } from '../store/account.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';
import { accountContext, interview } from './interview.js';

export interface ResumeOptions extends GlobalOptions {
  account: string;
  bank?: string | undefined;
  answers?: string | undefined;
}

export async function resume(options: ResumeOptions): Promise<void> {
  const name = checkAccountName(options.account);
  const home = findHome(options).dir;
  const account = await loadAccount(home, name);
  for (const problem of account.problems) output.err(`warning: ${problem}`);
  const session = account.sessions.filter((s) => s.status === 'in_progress').at(-1);
  if (!session) {
    throw new UserError(
      account.sessions.length > 0
        ? `${account.name} has no unfinished session: start a new one with journey start`
        : `no sessions for "${name}" in ${home}: start one with journey start`,
    );
  }
  const bank = await chooseBank({ bank: options.bank ?? session.bank.id, cwd: options.cwd, home });
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
  await interview({
    home,
    bank,
    ...(await accountContext(home, bank, earlier, account, new Date())),
    session,
    isNew: false,
    answers: options.answers,
    cwd: options.cwd,
  });
}
