// How often to check in with a customer: "30d", "6w", "3m", "quarterly" and friends.
import { UsageError } from '../errors.js';
import { closest } from '../model/suggest.js';

export interface Cadence {
  /** As written, for display and records. */
  text: string;
  days: number;
  months: number;
}

const NAMED: Record<string, Omit<Cadence, 'text'>> = {
  weekly: { days: 7, months: 0 },
  fortnightly: { days: 14, months: 0 },
  monthly: { days: 0, months: 1 },
  quarterly: { days: 0, months: 3 },
  yearly: { days: 0, months: 12 },
};

export const DEFAULT_CADENCE = '30d';

export function parseCadence(input: string): Cadence {
  const text = input.trim().toLowerCase();
  const named = NAMED[text];
  if (named) return { text, ...named };
  const match = /^(\d{1,3})\s*([dwmy])$/.exec(text);
  const n = match ? Number(match[1]) : 0;
  if (!match || n === 0) {
    const near = match ? undefined : closest(text, Object.keys(NAMED));
    throw new UsageError(
      `"${input}" is not a check-in cadence${near ? ` (did you mean ${near}?)` : ''}: use a number of days, weeks, months or years (30d, 6w, 3m, 1y) or weekly, fortnightly, monthly, quarterly, yearly`,
    );
  }
  const unit = match[2];
  if (unit === 'd') return { text, days: n, months: 0 };
  if (unit === 'w') return { text, days: n * 7, months: 0 };
  if (unit === 'm') return { text, days: 0, months: n };
  return { text, days: 0, months: n * 12 };
}

const UNITS: Record<string, [string, string]> = {
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  m: ['month', 'months'],
  y: ['year', 'years'],
};

/**
 * A cadence as a rep reads it after "check in": "quarterly", "every 30 days", "every month". Takes
 * the text a record keeps; text that is no cadence (a hand-edited file) reads "every <text>".
 */
export function cadencePhrase(text: string): string {
  const trimmed = text.trim().toLowerCase();
  if (NAMED[trimmed]) return trimmed;
  const match = /^(\d{1,3})\s*([dwmy])$/.exec(trimmed);
  const units = match ? UNITS[match[2] ?? ''] : undefined;
  if (!match || !units) return `every ${text.trim()}`;
  const n = Number(match[1]);
  return n === 1 ? `every ${units[0]}` : `every ${n} ${units[1]}`;
}

/** A cadence as a number of days (a month counts as its average length): for periods like --within. */
export function cadenceDays(cadence: Cadence): number {
  return cadence.days + Math.round(cadence.months * 30.44);
}

/** A date (YYYY-MM-DD) plus a cadence; months clamp to the month's end (Jan 31 + 1m = Feb 28). */
export function addCadence(date: string, cadence: Cadence): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + cadence.months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, month, Math.min(d, lastDay)) + cadence.days * 86_400_000);
  return result.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
