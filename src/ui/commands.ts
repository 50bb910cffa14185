// The slash commands a rep can type into any text prompt during an interview.

import type { Reply } from '../journey/port.js';

/** A command is a reply to the runner (all but an answer or Ctrl-C), or a request for help. */
export type SlashCommand = Exclude<Reply, { kind: 'answer' } | { kind: 'cancel' }> | { kind: 'help' };

export const SLASH_HELP: readonly [string, string][] = [
  ['/skip', 'skip this question'],
  ['/back', 'go back to the previous question'],
  ['/note <text>', 'add a free note to the session'],
  ['/flag <text>', 'raise a loop-back flag: new information that changes the problem'],
  ['/why', 'why ask this, and what to listen for'],
  ['/save', 'save and quit (journey resume picks it up); Ctrl-D does the same'],
  ['/discard', 'delete this unfinished session (asks first)'],
  ['/help', 'show these commands'],
  ['Esc', 'in a second prompt (a note, "Something else…", a measure step): back to the question'],
  [
    'Menus',
    'keys: s save, b back, ? help, x skip, a note, f flag, w why, d discard; a scale takes the number typed',
  ],
];

/** undefined: not a command (an answer); null: looks like a command but is not one we know. */
export function readSlashCommand(input: string): SlashCommand | undefined | null {
  const text = input.trim();
  if (!text.startsWith('/')) return undefined;
  const [word = '', ...rest] = text.slice(1).split(/\s+/);
  const argument = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case 'skip':
      return { kind: 'skip' };
    case 'back':
      return { kind: 'back' };
    case 'note':
      return { kind: 'note', text: argument };
    case 'flag':
      return { kind: 'flag', text: argument };
    case 'why':
      return { kind: 'why' };
    case 'save':
    case 'quit':
      return { kind: 'save' };
    case 'discard':
      return { kind: 'discard' };
    case 'help':
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}
