// `journey sessions <account>`: one account's sessions, oldest first.
import { findAccountSummaries } from '../app/account-lookup.js';
import { UsageError } from '../errors.js';
import { dealKey, FIRST_DEAL_NAME } from '../journey/deals.js';
import { output } from '../ui/output.js';
import { safeText } from '../ui/safe-text.js';
import { findHome, type GlobalOptions } from './context.js';

export interface SessionsOptions extends GlobalOptions {
  account: string;
  /** Only that deal's sessions. */
  deal?: string | undefined;
  json: boolean;
}

export async function sessions(options: SessionsOptions): Promise<void> {
  const home = findHome(options).dir;
  const all = (await findAccountSummaries(home, options.account)).sessions;
  const keyOf = (deal: string | null) => (deal === null ? dealKey(undefined) : dealKey(deal));
  const wanted = options.deal === undefined ? undefined : dealKey(options.deal);
  const firstByName = wanted === dealKey(FIRST_DEAL_NAME) ? dealKey(undefined) : undefined;
  const list = wanted === undefined ? all : all.filter((s) => [wanted, firstByName].includes(keyOf(s.deal)));
  if (wanted !== undefined && list.length === 0) {
    const names = [...new Set(all.map((s) => s.deal ?? FIRST_DEAL_NAME))];
    throw new UsageError(
      `${safeText(all.at(-1)?.account ?? options.account)} has no deal ${safeText(JSON.stringify(options.deal))}; its deals: ${names.map((n) => safeText(JSON.stringify(n))).join(', ')}`,
    );
  }
  // A column for the deal only when the account has more than one, or a named one.
  const showDeal = new Set(all.map((s) => keyOf(s.deal))).size > 1 || all.some((s) => s.deal !== null);
  if (options.json) {
    output.json({ account: list.at(-1)?.account ?? options.account.trim(), sessions: list });
    return;
  }
  await (await import('../ui/layout.js')).widthsReady(list.map((s) => JSON.stringify(s)));
  const { renderTable } = await import('../ui/render.js');
  output.out(
    renderTable({
      head: ['DATE', ...(showDeal ? ['DEAL'] : []), 'LOOP', 'BANK', 'STATUS', 'ANSWERED', 'CONTACT', 'ID'],
      rows: list.map((s) => [
        s.started.slice(0, 10),
        ...(showDeal ? [s.deal ?? FIRST_DEAL_NAME] : []),
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
