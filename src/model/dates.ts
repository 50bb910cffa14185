// Calendar dates as journey writes them (YYYY-MM-DD): real days of a sane year, never "2026-02-30".

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The years a date in a sales conversation can fall in; anything else is a typo. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** Why `text` is not a usable date, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return 'expected a date as YYYY-MM-DD';
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `${text} is not a real date`;
  }
  if (y < FIRST_YEAR || y > LAST_YEAR) return `${text} is not between ${FIRST_YEAR} and ${LAST_YEAR}`;
  return undefined;
}

/** "2026-1-5" (or 2026/1/5) as "2026-01-05"; undefined for anything else. Not checked for a real day. */
export function looseIsoDate(text: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export function isCalendarDate(text: string): boolean {
  return dateProblem(text) === undefined;
}

/** A date plus whole months; the day clamps to the month's end (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
