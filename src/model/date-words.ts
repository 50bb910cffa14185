// Dates as a rep says them: "2026-03-13" and "2026-3-13" at once, "next friday", "in 2 weeks",
// "june 1", "end of Q1" through chrono-node, loaded only for an answer that is not already a date
// (start-up and plain YYYY-MM-DD answers never pay for it). `today` is passed in: no clock here.
import { dateProblem, looseIsoDate } from './dates.js';

export type DateReading =
  | {
      ok: true;
      date: string /** Read from words (or a loose form): echo it back to confirm. */;
      read: boolean;
    }
  | { ok: false; reason: string };

const NOT_READ = 'expected a date: YYYY-MM-DD, or words such as "next friday", "in 2 weeks", "end of Q1"';

/** Reads a typed date; `today` as YYYY-MM-DD (the rep's own calendar day). */
export async function readDate(input: string, today: string): Promise<DateReading> {
  const text = input.trim();
  const quick = readDateNow(text);
  if (quick) return quick;
  const quarter = quarterDate(text, today);
  if (quarter) return checked(quarter, true);
  const date = await chronoDate(text, today);
  return date ? checked(date, true) : { ok: false, reason: NOT_READ };
}

/** What can be read without chrono: YYYY-MM-DD and its loose forms; undefined when words are needed. */
export function readDateNow(input: string): DateReading | undefined {
  const text = input.trim();
  const loose = looseIsoDate(text);
  if (loose !== undefined) return checked(loose, loose !== text);
  if (/^\d{4}-\d+-\d+$/.test(text) || text === '') return { ok: false, reason: NOT_READ };
  return undefined;
}

function checked(date: string, read: boolean): DateReading {
  const problem = dateProblem(date);
  return problem ? { ok: false, reason: problem } : { ok: true, date, read };
}

/** Whole days from `today` to `date` (negative: in the past). */
export function daysFrom(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** How a date reads next to today: "Friday, in 9 days", "Monday, 3 days ago", "today". */
export function describeDate(date: string, today: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  const days = daysFrom(today, date);
  const when =
    days === 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : days === -1
          ? 'yesterday'
          : days > 0
            ? `in ${days} days`
            : `${-days} days ago`;
  return `${weekday}, ${when}`;
}

/**
 * Calendar quarters, which chrono does not know: "Q3", "Q3 2027", "end of Q1", "start of next
 * quarter", "end of this quarter". A quarter alone means its end (when a deadline falls).
 */
function quarterDate(text: string, today: string): string | undefined {
  const match =
    /^(?:(?:by|before|at|on)\s+)?(?:the\s+)?(?:(end|start|beginning)\s+of\s+)?(?:(?:q([1-4])(?:\s*(?:fy)?\s*'?(\d{4}|\d{2}))?)|(this|next|last)\s+quarter)$/i.exec(
      text,
    );
  if (!match) return undefined;
  const [, edge, q, yearText, which] = match;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const current = Math.floor((m - 1) / 3);
  let year = y;
  let index: number;
  if (q) {
    index = Number(q) - 1;
    if (yearText) year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    // A quarter already over this year is next year's (a deadline lies ahead).
    else if (index < current) year += 1;
  } else {
    const offset = which?.toLowerCase() === 'next' ? 1 : which?.toLowerCase() === 'last' ? -1 : 0;
    const absolute = y * 4 + current + offset;
    year = Math.floor(absolute / 4);
    index = absolute - year * 4;
  }
  const startMonth = index * 3;
  if (edge && edge.toLowerCase() !== 'end') return isoOf(year, startMonth, 1);
  return isoOf(year, startMonth + 3, 0);
}

function isoOf(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** chrono-node's reading of the whole text (a date found inside other words is not taken). */
async function chronoDate(text: string, today: string): Promise<string | undefined> {
  const chrono = await import('chrono-node');
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const reference = new Date(y, m - 1, d, 12);
  const words = text.replace(/^(?:by|before|on|due)\s+/i, '').trim();
  const [found] = chrono.parse(words, reference, { forwardDate: true });
  if (found?.index !== 0 || found.text.trim().length !== words.replace(/[.!]+$/, '').length) return undefined;
  const start = found.start;
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
