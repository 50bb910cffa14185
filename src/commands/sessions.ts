// `journey sessions <account>`: one account's sessions, oldest first.
import { UserError } from '../errors.js';
import { readSummaries } from '../store/session-index.js';
import { accountKey, accountSlug, checkAccountName } from '../store/slug.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SessionsOptions extends GlobalOptions {
  account: string;
  json: boolean;
}

export async function sessions(options: SessionsOptions): Promise<void> {
  const name = checkAccountName(options.account);
  const home = findHome(options).dir;
  const [folder] = await readSummaries(home, accountSlug(name));
  for (const problem of folder?.problems ?? []) output.err(`warning: ${problem}`);
  const list = (folder?.sessions ?? []).filter((s) => accountKey(s.account) === accountKey(name));
  if (list.length === 0 && !folder?.problems.length) {
    throw new UserError(`no account "${name}" in ${home} (journey accounts lists them)`);
  }
  if (options.json) {
    output.json({ account: list.at(-1)?.account ?? name, sessions: list });
    return;
  }
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['DATE', 'LOOP', 'BANK', 'STATUS', 'ANSWERED', 'CONTACT', 'ID'],
      rows: list.map((s) => [
        s.started.slice(0, 10),
        s.loop,
        `${s.bank.id}@${s.bank.version}`,
        s.status === 'complete' ? 'complete' : 'in progress',
        String(s.answered),
        s.contact ?? '-',
        s.id,
      ]),
    }),
  );
}
