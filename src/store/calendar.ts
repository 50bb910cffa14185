// Upcoming check-ins as an iCalendar file that calendar applications import. Each deal has a stable
// UID (an account's first deal keeps the account's), so importing again updates its event instead
// of adding a second one.
import ical from 'ical-generator';
import { cadencePhrase } from '../journey/cadence.js';
import { FIRST_DEAL_NAME } from '../journey/deals.js';
import type { DueItem } from '../journey/due.js';
import { writeOutputFile } from './output-target.js';
import { accountSlug } from './slug.js';

export function calendarText(items: readonly DueItem[]): string {
  const calendar = ical({
    name: 'journey check-ins',
    prodId: { company: 'journey', product: 'journey', language: 'EN' },
  });
  for (const item of items) {
    const start = new Date(`${item.next}T00:00:00Z`);
    // The first deal keeps the account's UID, so a calendar imported before deals stays one event.
    const deal = item.deal && item.deal !== FIRST_DEAL_NAME ? `-${accountSlug(item.deal)}` : '';
    calendar.createEvent({
      id: `checkin-${accountSlug(item.account)}${deal}@journey`,
      start,
      allDay: true,
      summary: `Results check-in: ${item.account}${item.deal ? ` (${item.deal})` : ''}`,
      description: [
        item.booked
          ? `Booked with them at the last check-in (${item.lastCheckIn}); otherwise check in ${cadencePhrase(item.every)}.`
          : `Check in ${cadencePhrase(item.every)}; last check-in ${item.lastCheckIn ?? 'none yet'}.`,
        `Before the call: journey prep "${item.account}"${item.deal ? ` --deal "${item.deal}"` : ''}`,
        ...(item.openFlags > 0 ? [`${item.openFlags} open loop-back flag(s).`] : []),
        ...item.behindTarget.map((m) => `Behind target: ${m.name} (${m.progress}% of the way).`),
      ].join('\n'),
      stamp: new Date(`${item.lastCheckIn ?? item.customerSince}T00:00:00Z`),
    });
  }
  return calendar.toString();
}

/** Writes the calendar to a file (checked with outputFile first): atomically, through a link. */
export async function writeCalendar(path: string, items: readonly DueItem[]): Promise<void> {
  await writeOutputFile(path, calendarText(items));
}
