// The pre-call briefing and flag lists as text: one terminal screen by default, everything with --verbose.
// Names, answers, notes and bank text come from files: each goes through safeText (here, or in
// oneLine and quoteAnswer) before it is styled.

import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type { FlagView } from '../journey/flags.js';
import type { DealFact, NextStep, Prep, TimelineStop } from '../journey/prep.js';
import type { MeasureLine } from '../model/measures.js';
import { terminalWidth, wrapLine, wrapText } from './layout.js';
import { capitalise, oneLine, quoteAnswer, renderFlag, shortAsk } from './render.js';
import { safeText } from './safe-text.js';

const label = (s: string) => chalk.bold(s.padEnd(10));
const indent = ' '.repeat(10);

/** The briefing, wrapped at word boundaries to `width` (the terminal's): text under a label stays under it. */
export function renderPrep(prep: Prep, verbose: boolean, width = terminalWidth()): string {
  const lines: string[] = [];
  const ago = prep.daysSinceLastContact === null ? '' : ` (${daysAgo(prep.daysSinceLastContact)})`;
  lines.push(
    chalk.bold.underline(safeText(prep.account)) +
      (prep.deal ? chalk.cyan(` · deal: ${safeText(prep.deal)}`) : '') +
      chalk.dim(
        ` · ${prep.stage} · ${prep.sessions} session${prep.sessions === 1 ? '' : 's'} · last contact ${safeText(prep.lastContact ?? 'never')}${ago}`,
      ),
    '',
  );
  const others = prep.deals.filter((d) => !d.current);
  if (others.length > 0) {
    const list = others.map(
      (d) => `${safeText(d.name)} (${d.stage}, ${d.sessions} session${d.sessions === 1 ? '' : 's'})`,
    );
    lines.push(`${label('Deals')}${chalk.dim(`also: ${list.join('; ')} · journey prep … --deal <name>`)}`);
  }
  if (prep.openedFor) {
    lines.push(
      `${label('Opened')}${safeText(prep.openedFor.on)} for a new need${prep.openedFor.need ? `: ${quoteAnswer(prep.openedFor.need)}` : ''}`,
    );
  }
  lines.push(`${label('Journey')}${renderTimeline(prep.timeline, verbose)}`);

  const { now, history, changes } = prep.problem;
  lines.push(
    `${label('Problem')}${now ? `${quoteAnswer(now.text)} ${chalk.dim(`(${day(now.at)})`)}` : chalk.yellow('no problem statement yet')}`,
  );
  const earlier = history.slice(0, -1).reverse();
  for (const v of verbose ? earlier : earlier.slice(0, 1)) {
    lines.push(`${indent}${chalk.dim(`was ${quoteAnswer(v.text)} (${day(v.at)})`)}`);
  }
  if (!verbose && earlier.length > 1)
    lines.push(`${indent}${chalk.dim(`…and ${earlier.length - 1} earlier version(s) (--verbose)`)}`);
  // The statement's own versions are above; the other changes show how its definition moved.
  const moves = changes.filter((c) => !history.some((v) => v.at === c.at && v.session === c.session));
  // The latest two moves fit a screen; --verbose shows every one.
  for (const c of verbose ? moves : moves.slice(-2)) {
    const change = `${quoteAnswer(c.before)} → ${quoteAnswer(c.after)}`;
    lines.push(`${indent}${chalk.cyan(`moved: ${shortAsk(c.ask)} ${change} (${day(c.at)})`)}`);
  }

  if (prep.openFlags.length === 0) {
    lines.push(`${label('Flags')}${chalk.green('none open')}`);
  } else {
    lines.push(`${label('Flags')}${chalk.red(`${prep.openFlags.length} open loop-back flag(s)`)}`);
    const shown = verbose ? prep.openFlags : prep.openFlags.slice(0, 3);
    for (const view of shown) lines.push(renderFlag(view.flag, indent, asksOf(view)));
    if (shown.length < prep.openFlags.length) {
      lines.push(
        `${indent}${chalk.dim(`…and ${prep.openFlags.length - shown.length} more (journey flags)`)}`,
      );
    }
  }

  const unknown = prep.unknown.questions;
  if (unknown.length > 0) {
    // The questions as the rep asks them, not their ids (--verbose adds the ids for trainers).
    const list = unknown.map((q) =>
      verbose ? `"${oneLine(q.ask)}" (${safeText(q.id)})` : `"${oneLine(q.ask)}"`,
    );
    lines.push(`${label('Unknown')}required in ${prep.unknown.loop}, never answered: ${list.join('; ')}`);
  }

  const last = prep.lastSession;
  if (last) {
    lines.push(
      `${label('Last call')}${safeText(last.date)} · ${last.loop}${last.contact ? ` with ${safeText(last.contact)}` : ''}${last.rep ? chalk.dim(` (by ${safeText(last.rep)})`) : ''}`,
    );
    // --verbose lists every note of every session below; the briefing, the last call's latest.
    if (!verbose) for (const n of last.notes.slice(-3)) lines.push(`${indent}note: ${oneLine(n.text)}`);
    for (const t of verbose ? last.tips : last.tips.slice(-2))
      lines.push(`${indent}${chalk.yellow(`tip: ${oneLine(t.text)}`)}`);
  }
  if (prep.nextStep) lines.push(renderNextStep(prep.nextStep, prep.stage));
  lines.push(...renderFacts(prep.facts, prep.stage, verbose));
  if (verbose && prep.notes.length > 0) {
    const all = prep.notes.flatMap((s) =>
      s.notes.map((n) => `${chalk.dim(`${safeText(s.date)} ${s.loop}:`)} ${oneLine(n.text)}`),
    );
    lines.push(...all.map((note, i) => (i === 0 ? `${label('Notes')}${note}` : `${indent}${note}`)));
  }
  if (prep.measures.length > 0 || prep.nextCheckIn) {
    const results = prep.measures.map((m) => renderMeasure(m, verbose));
    if (prep.nextCheckIn) results.unshift(`next check-in ${safeText(prep.nextCheckIn)}`);
    results.forEach((line, i) => {
      lines.push(`${i === 0 ? label('Results') : indent}${line}`);
    });
  }
  lines.push(
    '',
    `${label('Next call')}${chalk.bold(`${capitalise(prep.next.loop)} loop`)} with ${safeText(prep.next.bank)}: ${oneLine(prep.next.reason)}`,
  );
  // A line under a label wraps under the label's text; an indented line under its own indent.
  return lines
    .join('\n')
    .split('\n')
    .map((line) => wrapLine(line, width, leadingSpaces(line) > 0 ? undefined : indent.length))
    .join('\n');
}

function leadingSpaces(line: string): number {
  const plain = stripVTControlCharacters(line);
  return plain.length - plain.trimStart().length;
}

/** The next step agreed last, and whether a date in it has gone by. */
function renderNextStep(step: NextStep, stage: Prep['stage']): string {
  const passed =
    step.passed.length > 0
      ? (stage === 'prospect' ? chalk.red : chalk.dim)(
          ` · ${step.passed.map((d) => safeText(d)).join(', ')} has passed`,
        )
      : '';
  return `${label('Next step')}${quoteAnswer(step.text)}${passed} ${chalk.dim(`(agreed ${day(step.at)})`)}`;
}

/** The deal's facts: each brief question's latest answer and when it was given (the next step has its own line). */
function renderFacts(facts: readonly DealFact[], stage: Prep['stage'], verbose: boolean): string[] {
  const shown = facts.filter((f) => f.role !== 'next_step');
  if (shown.length === 0) return [];
  const lines: string[] = [];
  for (const f of shown) {
    // A list in the briefing shows its first items; --verbose every one.
    const items = f.text.split('; ');
    const text =
      !verbose && Array.isArray(f.answer) && items.length > 3
        ? `${items.slice(0, 3).join('; ')} (+${items.length - 3} more)`
        : f.text;
    const passed = f.passed ? (stage === 'prospect' ? chalk.red : chalk.dim)(' · passed') : '';
    // The first fact sits on the label's line, like every other block of the briefing.
    lines.push(
      `${lines.length === 0 ? label('Facts') : indent}${chalk.dim(f.label ? `${safeText(f.label)}:` : shortAsk(f.ask))} ${safeText(text)}${passed} ${chalk.dim(`(${day(f.at).slice(5)})`)}`,
    );
  }
  return lines;
}

/** One measure on one line: baseline → actuals → target, progress and trend. */
export function renderMeasure(m: MeasureLine, verbose: boolean): string {
  const unit = m.unit ? ` ${safeText(m.unit)}` : '';
  const actuals = verbose ? m.actuals : m.actuals.slice(-3);
  const path = actuals.map((a) => `${a.value} (${safeText(a.date.slice(5))})`).join(' → ');
  const progress = m.progress === null ? '' : ` · ${m.progress}% of the way`;
  const trend = m.trend ? ` · ${m.trend}` : '';
  const status = m.behind ? chalk.yellow(`${progress}${trend}`) : chalk.green(`${progress}${trend}`);
  return `${oneLine(m.name)}: baseline ${m.baseline ?? '?'} → ${path || 'no actual yet'} → target ${m.target ?? '?'}${unit}${status}`;
}

/** The day of a timestamp read from a file. */
function day(at: string): string {
  return safeText(at.slice(0, 10));
}

function daysAgo(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

const TIMELINE_WIDTH = 100;

/**
 * Loops in order, runs of one loop folded ("options ×5"); ⟲ marks a return to the Knowledge loop
 * and the loop-back flags a run raised. Only the latest stops that fit one line, unless verbose,
 * which lists every session on its own line.
 */
export function renderTimeline(stops: readonly TimelineStop[], verbose: boolean): string {
  if (stops.length === 0) return chalk.dim('no sessions yet');
  if (verbose) {
    return stops
      .map((s, i) => {
        // ⟲ marks a return to the Knowledge loop, ⚑ the flags a session raised: as on one line.
        const mark = (s.loopBack ? chalk.red(' ⟲') : '') + (s.flags > 0 ? chalk.red(` ⚑${s.flags}`) : '');
        const line = `${safeText(s.date)}  ${s.loop.padEnd(9)} ${s.status === 'complete' ? 'complete' : 'in progress'}${mark}`;
        return i === 0 ? line : `${indent}${line}`;
      })
      .join('\n');
  }
  const groups: {
    loop: string;
    first: string;
    last: string;
    count: number;
    back: boolean;
    flagged: number;
  }[] = [];
  stops.forEach((stop, i) => {
    const group = groups.at(-1);
    const back = stop.loop === 'knowledge' && i > 0 && stops[i - 1]?.loop !== 'knowledge';
    const flagged = stop.flags;
    if (group && group.loop === stop.loop) {
      group.count++;
      group.last = safeText(stop.date);
      group.flagged += flagged;
      return;
    }
    const date = safeText(stop.date);
    groups.push({ loop: stop.loop, first: date, last: date, count: 1, back, flagged });
  });
  const parts = groups.map((g) => {
    const dates = g.first === g.last ? g.first.slice(5) : `${g.first.slice(5)}–${g.last.slice(5)}`;
    const count = g.count > 1 ? ` ×${g.count}` : '';
    const flags = g.flagged > 0 ? ` ⚑${g.flagged}` : '';
    const plain = `${g.back ? '⟲ ' : ''}${g.loop}${count}${flags} ${dates}`;
    const styled = `${g.back ? chalk.red('⟲ ') : ''}${g.loop}${count}${flags ? chalk.red(flags) : ''} ${chalk.dim(dates)}`;
    return { plain, styled };
  });
  // Keep the latest stops that fit one line: the recent journey matters most before a call.
  let width = 0;
  let from = parts.length;
  while (from > 0 && width + (parts[from - 1]?.plain.length ?? 0) + 3 <= TIMELINE_WIDTH - 2) {
    from--;
    width += (parts[from]?.plain.length ?? 0) + 3;
  }
  from = Math.min(from, parts.length - 1);
  const shown = parts.slice(from).map((p) => p.styled);
  return (from > 0 ? chalk.dim('… → ') : '') + shown.join(chalk.dim(' → '));
}

export function renderFlagViews(views: readonly FlagView[], width = terminalWidth()): string {
  const lines: string[] = [];
  let heading = '';
  for (const view of views) {
    const title = `${view.account}\u0000${view.deal ?? ''}`;
    if (title !== heading) {
      heading = title;
      const deal = view.deal ? chalk.cyan(` · deal: ${safeText(view.deal)}`) : '';
      lines.push(chalk.bold.underline(safeText(view.account)) + deal);
    }
    const raised = view.merged
      ? `found in the ${view.session.loop} session of ${day(view.session.started)} when teammates' calls were merged (${day(view.merged.at)})`
      : `raised in the ${view.session.loop} session of ${day(view.session.started)}`;
    const status = view.status === 'open' ? chalk.red('open') : chalk.green(resolutionText(view));
    lines.push(`  ${status} · ${raised}`);
    lines.push(renderFlag(view.flag, '  ', asksOf(view)));
  }
  return wrapText(lines.join('\n'), width);
}

function resolutionText(view: FlagView): string {
  const r = view.resolution;
  if (!r) return 'resolved';
  const date = day(r.at);
  if (r.how === 'reevaluated') return `resolved ${date}: re-evaluated on the spot`;
  if (r.how === 'knowledge_session')
    return `resolved ${date}: the problem was restated in a Knowledge session`;
  if (r.how === 'restated')
    return `resolved ${date}: the problem was restated with its questions asked again`;
  return `resolved ${date} by hand${r.note ? `: ${oneLine(r.note)}` : ''}`;
}

function asksOf(view: FlagView): ReadonlyMap<string, string> | undefined {
  return view.revisitAsks ? new Map(Object.entries(view.revisitAsks)) : undefined;
}
