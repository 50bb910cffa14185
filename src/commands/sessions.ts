// `journey sessions <account>`: one account's sessions, oldest first.
import { findAccountSummaries } from '../app/account-lookup.js';
import { output } from '../ui/output.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SessionsOptions extends GlobalOptions {
  account: string;
  json: boolean;
}

export async function sessions(options: SessionsOptions): Promise<void> {
  const home = findHome(options).dir;
  const list = (await findAccountSummaries(home, options.account)).sessions;
  if (options.json) {
    output.json({ account: list.at(-1)?.account ?? options.account.trim(), sessions: list });
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
