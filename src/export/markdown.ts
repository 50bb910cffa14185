// Notes as markdown: YAML frontmatter that note tools read as properties, then sections in the order
// a rep reads them. Answer text goes through escape.ts; everything else is structure we write.

import { type FlagView, flagSource } from '../journey/flags.js';
import { measureLines } from '../model/measures.js';
import type { Entry, Session } from '../model/session.js';
import { toYaml } from '../yaml/write.js';
import { block, cell, inline } from './escape.js';
import { type AccountNote, answerText, type DealNote } from './note.js';

export interface MarkdownOptions {
  diagram: boolean;
  /** With per-session notes, link to them (relative to the account note) instead of inlining. */
  sessionLinks?: (session: Session) => string;
}

export function frontmatter(data: object): string {
  // No block scalars: every value stays on its key's line, so no line inside can read as "---".
  return `---\n${toYaml(data, undefined, { blockScalars: false })}---`;
}

export function accountMarkdown(note: AccountNote, options: MarkdownOptions): string {
  const parts = [frontmatter(note.frontmatter), `# ${inline(note.name)} — account notes`];
  const [only] = note.deals;
  if (note.deals.length === 1 && only) parts.push(...dealSections(only, '##', options.diagram));
  else if (note.deals.length === 0) parts.push(...dealSections(NO_DEAL, '##', options.diagram));
  else {
    // One section per deal: each has its own problem statement, journey, flags and measures.
    for (const deal of note.deals) {
      parts.push(`## Deal: ${inline(deal.name)} (${deal.stage})`);
      parts.push(...dealSections(deal, '###', options.diagram));
    }
  }
  parts.push('## Sessions');
  if (note.sessions.length === 0) parts.push('No sessions in this export.');
  for (const session of note.sessions) {
    if (options.sessionLinks)
      parts.push(`- [${sessionTitle(session)}](${encodeURI(options.sessionLinks(session))})`);
    else parts.push(...sessionBody(session, '###'));
  }
  return `${joinBlocks(parts)}\n`;
}

/** One deal's own note (`--per deal`): its sections, then its sessions. */
export function dealMarkdown(note: AccountNote, deal: DealNote, options: MarkdownOptions): string {
  const last = deal.sessions.at(-1);
  const parts = [
    frontmatter({
      account: note.name,
      deal: deal.name,
      stage: deal.stage,
      loop: last?.loop ?? null,
      loops: deal.sessions.map((s) => s.loop),
      sessions: deal.sessions.length,
      open_flags: deal.open.length,
      first_contact: deal.sessions[0]?.started.slice(0, 10) ?? null,
      last_contact: last?.updated.slice(0, 10) ?? null,
      tags: ['journey', 'journey/deal', ...(last ? [`journey/${last.loop}`] : [])],
      ...(note.frontmatter.exported ? { exported: note.frontmatter.exported } : {}),
    }),
    `# ${inline(note.name)} — ${inline(deal.name)}`,
    ...dealSections(deal, '##', options.diagram),
    '## Sessions',
  ];
  if (deal.sessions.length === 0) parts.push('No sessions in this export.');
  for (const session of deal.sessions) parts.push(...sessionBody(session, '###'));
  return `${joinBlocks(parts)}\n`;
}

function dealSections(deal: DealNote, heading: '##' | '###', diagram: boolean): string[] {
  return [
    ...problemSection(deal, heading),
    ...journeySection(deal, heading, diagram),
    `${heading} Open flags`,
    ...(deal.open.length > 0 ? deal.open.map(flagBlock) : ['None open.']),
    ...measuresSection(deal, heading),
  ];
}

/** What an export with no session of the account in it shows. */
const NO_DEAL: DealNote = {
  name: '',
  stage: 'prospect',
  sessions: [],
  records: [],
  flags: [],
  open: [],
  statements: [],
};

export function sessionMarkdown(note: AccountNote, session: Session, accountLink: string): string {
  const parts = [
    frontmatter({
      account: note.name,
      session: session.id,
      loop: session.loop,
      date: session.started.slice(0, 10),
      bank: `${session.bank.id}@${session.bank.version}`,
      status: session.status,
      contact: session.contact ?? null,
      tags: ['journey', `journey/${session.loop}`],
    }),
    `# ${inline(note.name)}: ${sessionTitle(session)}`,
    `[Back to the account note for ${inline(note.name)}](${encodeURI(accountLink)})`,
    ...sessionBody(session, '##', true),
  ];
  return `${joinBlocks(parts)}\n`;
}

/** Blocks separated by one blank line; consecutive list items stay together. */
function joinBlocks(parts: string[]): string {
  let out = '';
  parts.forEach((part, i) => {
    const previous = parts[i - 1];
    const bothItems = previous?.startsWith('- ') && part.startsWith('- ');
    out += i === 0 ? part : `${bothItems ? '\n' : '\n\n'}${part}`;
  });
  return out;
}

function measuresSection(note: DealNote, heading: '##' | '###'): string[] {
  const lines = measureLines(note.sessions);
  if (lines.length === 0) return [];
  const rows = lines.map((m) => {
    const actuals = m.actuals.map((a) => `${a.value} (${a.date})`).join(', ') || 'none yet';
    const cells = [
      inline(m.question),
      m.baseline ?? '',
      m.target ?? '',
      actuals,
      m.progress === null ? '' : `${m.progress}%`,
      m.trend ?? '',
    ];
    return `| ${cells.map((c) => (typeof c === 'string' ? c : String(c))).join(' | ')} |`;
  });
  return [
    `${heading} Results measures`,
    [
      '| Measure | Baseline | Target | Actuals | Progress | Trend |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  ];
}

function problemSection(note: DealNote, heading: '##' | '###'): string[] {
  const parts = [`${heading} Problem statement`];
  const now = note.statements.at(-1);
  if (!now) return [...parts, 'No problem statement yet.'];
  parts.push(block(now.text).join('\n'), `As agreed on ${now.at.slice(0, 10)}.`);
  if (note.statements.length > 1) {
    parts.push(`${heading}# How it evolved`);
    const rows = note.statements.map((v) => `| ${v.at.slice(0, 10)} | ${cell(v.text)} |`);
    parts.push(['| Date | Problem statement |', '| --- | --- |', ...rows].join('\n'));
  }
  return parts;
}

function journeySection(note: DealNote, heading: '##' | '###', diagram: boolean): string[] {
  const parts = [`${heading} Journey`];
  if (note.sessions.length === 0) return [...parts, 'No sessions yet.'];
  note.sessions.forEach((s, i) => {
    const back = s.loop === 'knowledge' && i > 0 && note.sessions[i - 1]?.loop !== 'knowledge';
    const marks = [
      back ? 'loop back to re-evaluate the problem' : '',
      s.flags.length > 0 ? `${s.flags.length} loop-back flag(s) raised` : '',
    ]
      .filter(Boolean)
      .join('; ');
    parts.push(`- ${s.started.slice(0, 10)}: ${s.loop}${marks ? ` (${marks})` : ''}`);
  });
  if (diagram) parts.push(mermaid(note.sessions));
  return parts;
}

function mermaid(sessions: readonly Session[]): string {
  const lines = ['```mermaid', 'flowchart LR'];
  sessions.forEach((s, i) => {
    lines.push(`  s${i}["${s.loop} ${s.started.slice(0, 10)}"]`);
    if (i === 0) return;
    const back = s.loop === 'knowledge' && sessions[i - 1]?.loop !== 'knowledge';
    lines.push(`  s${i - 1} ${back ? '-. loop back .->' : '-->'} s${i}`);
  });
  lines.push('```');
  return lines.join('\n');
}

function flagBlock(view: FlagView): string {
  const { flag } = view;
  const lines = [
    `- ${inline(flag.message)} (${inline(flagSource(flag))}; flag ${inline(flag.id)}, ${flag.at.slice(0, 10)})`,
  ];
  for (const e of flag.evidence) {
    const before = e.before === undefined ? 'no answer' : inline(answerText(e.before, e.labels));
    const after = e.after === undefined ? 'no answer' : inline(answerText(e.after, e.labels));
    lines.push(`  - ${inline(e.ask)} Before: ${before}. Now: ${after}.`);
  }
  if (flag.revisit.length > 0) lines.push(`  - Revisit: ${flag.revisit.map(inline).join(', ')}`);
  return lines.join('\n');
}

function sessionTitle(session: Session): string {
  return `${session.started.slice(0, 10)} ${session.loop} session ${session.id.slice(session.id.lastIndexOf('-') + 1)}`;
}

function answerItem(e: Entry): string {
  const head = `- **${inline(e.ask)}**`;
  if (e.answer === undefined) return `${head}\n  (skipped)`;
  const unit = e.unit && typeof e.answer === 'number' ? ` ${e.unit}` : '';
  const lines = block(answerText(e.answer, e.labels) + unit);
  return [head, ...lines.map((l) => (l === '' ? '' : `  ${l}`))].join('\n');
}

function sessionBody(session: Session, heading: '##' | '###', standalone = false): string[] {
  const parts: string[] = [];
  if (!standalone) parts.push(`${heading} ${sessionTitle(session)}`);
  const facts = [
    `- Loop: ${session.loop}`,
    `- Bank: ${inline(session.bank.title)} (${inline(session.bank.id)} version ${session.bank.version})`,
    `- Status: ${session.status === 'complete' ? 'complete' : 'in progress'}`,
    ...(session.deal ? [`- Deal: ${inline(session.deal)}`] : []),
    ...(session.contact ? [`- Contact: ${inline(session.contact)}`] : []),
    ...(session.rep ? [`- Rep: ${inline(session.rep)}`] : []),
  ];
  parts.push(facts.join('\n'));
  parts.push(session.entries.length > 0 ? 'Answers, as asked:' : 'No answers.');
  if (session.entries.length > 0) parts.push(session.entries.map(answerItem).join('\n'));
  for (const revisit of session.revisits) {
    parts.push(`Knowledge questions asked again for flag ${inline(revisit.flag)}:`);
    parts.push(revisit.entries.length > 0 ? revisit.entries.map(answerItem).join('\n') : 'None answered.');
  }
  if (session.notes.length > 0) {
    parts.push('Notes:', session.notes.map((n) => `- ${block(n.text).join(' ')}`).join('\n'));
  }
  if (session.flags.length > 0) {
    parts.push(
      'Loop-back flags raised:',
      session.flags.map((f) => `- ${inline(f.message)} (flag ${inline(f.id)})`).join('\n'),
    );
  }
  if (session.tips.length > 0) {
    parts.push('Tips shown:', session.tips.map((t) => `- ${inline(t.text)}`).join('\n'));
  }
  return parts;
}
