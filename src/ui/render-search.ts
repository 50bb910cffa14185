// Search results as text: by account, each answer or note under its session's date, loop and question,
// with the words found highlighted (plain when colour is off).
import chalk from 'chalk';
import type { SearchHit, Span } from '../journey/search.js';
import { safeText } from './safe-text.js';

/** How much of a long answer or note is shown around the first word found. */
const WIDTH = 160;
const BEFORE = 50;

export function renderSearch(hits: readonly SearchHit[]): string {
  const lines: string[] = [];
  let account: string | undefined;
  let session: string | undefined;
  for (const hit of hits) {
    if (hit.account !== account) {
      if (account !== undefined) lines.push('');
      account = hit.account;
      session = undefined;
      lines.push(chalk.bold(safeText(hit.account)));
    }
    if (hit.session !== session) {
      session = hit.session;
      const deal = hit.deal ? ` · ${chalk.cyan(`deal: ${safeText(hit.deal)}`)}` : '';
      lines.push(
        `  ${safeText(hit.date)} · ${chalk.cyan(hit.loop)}${deal} ${chalk.dim(`(${safeText(hit.session)})`)}`,
      );
    }
    const where =
      hit.kind === 'note'
        ? `note${hit.ask ? ` at: ${line(hit.ask)}` : ''}`
        : line(hit.ask ?? hit.question ?? '');
    lines.push(`    ${chalk.dim(where)}`);
    lines.push(`      ${highlight(hit.text, hit.spans)}`);
  }
  return lines.join('\n');
}

/** The matching text on one line, cut around the first word found when long, the words highlighted. */
export function highlight(text: string, spans: readonly Span[]): string {
  const first = spans[0]?.start ?? 0;
  let start = 0;
  let end = text.length;
  if (text.length > WIDTH) {
    start = Math.max(0, Math.min(first - BEFORE, text.length - WIDTH));
    end = Math.min(text.length, start + WIDTH);
  }
  const pieces: string[] = [];
  let at = start;
  for (const span of spans) {
    const s = Math.max(span.start, start);
    const e = Math.min(span.end, end);
    if (e <= s) continue;
    if (s > at) pieces.push(plain(text.slice(at, s)));
    pieces.push(chalk.bold.yellow(plain(text.slice(s, e))));
    at = e;
  }
  if (at < end) pieces.push(plain(text.slice(at, end)));
  const joined = pieces.join('');
  return `${start > 0 ? '…' : ''}${start > 0 ? joined.trimStart() : joined}${end < text.length ? '…' : ''}`;
}

/** A piece of text on one line, safe to print. */
function plain(text: string): string {
  return safeText(text.replace(/\s+/gu, ' '));
}

function line(text: string): string {
  return plain(text).trim();
}
