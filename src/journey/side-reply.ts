// Replies that mean the same wherever a question is asked, in the interview or while re-evaluating
// the problem: a note is saved, coaching shown, save or Ctrl-C stop with everything saved, and
// discard stops with nothing more saved (the caller deletes the session).
import type { Question } from '../model/question.js';
import type { Session } from '../model/session.js';
import { addNote } from './interview.js';
import type { Outcome, Reply, RunOptions } from './port.js';

type SideReply = Extract<Reply, { kind: 'note' | 'why' | 'save' | 'cancel' | 'discard' }>;

export async function sideReply(
  reply: SideReply,
  question: Question,
  session: Session,
  { prompts, save, clock }: Pick<RunOptions, 'prompts' | 'save' | 'clock'>,
): Promise<{ session: Session; outcome?: Outcome }> {
  switch (reply.kind) {
    case 'note': {
      const noted = addNote(session, reply.text, question.id, clock());
      await save(noted);
      prompts.show({ kind: 'info', text: 'Note saved.' });
      return { session: noted };
    }
    case 'why':
      prompts.show({ kind: 'coaching', question });
      return { session };
    case 'discard':
      return { session, outcome: 'discarded' };
    case 'save':
    case 'cancel':
      await save(session);
      return { session, outcome: reply.kind === 'save' ? 'saved' : 'cancelled' };
  }
}
