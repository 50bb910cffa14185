// A new need named at a Results check-in is a new deal, not a change to this one: on a terminal the
// rep is offered to open it (a `deal_opened` record; its first call is a Knowledge loop of its own),
// and a script is told the command. The deal that was checked on carries on untouched.
import { dealKey, dealNameFor, dealsOf, namesANeed } from '../journey/deals.js';
import { dealOpenedRecord } from '../journey/records.js';
import { entryWithRole } from '../journey/roles.js';
import type { Account } from '../model/account.js';
import type { Session } from '../model/session.js';
import { writeRecord } from '../store/records.js';
import { whoIsRep } from '../store/rep.js';
import { output } from '../ui/output.js';
import { safeText, shellQuote } from '../ui/safe-text.js';

export interface NewDealOffer {
  home: string;
  account: Account;
  /** The session as it ended. */
  session: Session;
  interactive: boolean;
}

export async function offerNewDeal({ home, account, session, interactive }: NewDealOffer): Promise<void> {
  if (session.loop !== 'results' || session.status !== 'complete') return;
  const need = entryWithRole(session, 'new_need')?.answer;
  if (!namesANeed(need)) return;
  const suggested = dealNameFor(need);
  const startIt = (name: string) =>
    `journey start ${shellQuote(account.name)} --deal ${shellQuote(name)} --loop knowledge`;
  if (!interactive) {
    output.err(
      `A new need was named ("${safeText(oneLine(need))}"): to work on it as a deal of its own, ${startIt(suggested)}`,
    );
    return;
  }
  const { askLine, confirmOnTerminal } = await import('../ui/prompts.js');
  const open = await confirmOnTerminal(
    `They named a new need: "${oneLine(need)}". Open a new deal for it? (It starts in the Knowledge loop; this deal's check-ins carry on.)`,
    true,
  );
  if (!open) return;
  const taken = new Map(dealsOf(account).map((d) => [d.key, d.deal]));
  let name = await askLine('Name the new deal:', suggested);
  for (let existing = taken.get(dealKey(name)); existing !== undefined; existing = taken.get(dealKey(name))) {
    output.out(
      `${safeText(account.name)} already has the deal "${safeText(existing)}": give the new one another name.`,
    );
    name = await askLine('Name the new deal:', '');
  }
  const now = new Date();
  const record = dealOpenedRecord(account.name, name, { need, from: session.id }, now, {
    rep: await whoIsRep(home),
  });
  await writeRecord(home, record, now);
  output.out(
    `Opened the deal "${safeText(name)}" with ${safeText(account.name)}. Its first call: ${startIt(name)}`,
  );
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
