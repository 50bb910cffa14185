// `journey sessions <account>`: one account's sessions, oldest first.
import { UserError } from '../errors.js';
import { sessionLine } from '../journey/account.js';
import { readAccount } from '../store/sessions.js';
import { checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SessionsOptions extends GlobalOptions {
  account: string;
  json: boolean;
}

export async function sessions(options: SessionsOptions): Promise<void> {
  const name = checkAccountName(options.account);
  const home = findHome(options).dir;
  const records = await readAccount(home, name);
  for (const problem of records.problems) output.err(`warning: ${problem}`);
  if (records.sessions.length === 0 && records.problems.length === 0) {
    throw new UserError(`no account "${name}" in ${home} (journey accounts lists them)`);
  }
  const lines = records.sessions.map((s) => ({ ...sessionLine(s), file: records.files.get(s.id) ?? null }));
  if (options.json) {
    output.json({ account: records.sessions.at(-1)?.account ?? name, sessions: lines });
    return;
  }
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['DATE', 'LOOP', 'BANK', 'STATUS', 'ANSWERED', 'CONTACT', 'ID'],
      rows: lines.map((l) => [
        l.date,
        l.loop,
        `${l.bank}@${l.bankVersion}`,
        l.status === 'complete' ? 'complete' : 'in progress',
        String(l.answered),
        l.contact ?? '-',
        l.id,
      ]),
    }),
  );
}
