import type { RestoredSession } from '../../core/session/restore-session';
import type { ChatSnapshot } from '../../protocol/chat-snapshot';
import { entriesFromMessages } from './transcript-entries';

/**
 * A chat as it is after its conversation was rewound to just before the message that took
 * checkpoint `checkpointId`: the rows before that message's row (as the panel had them), or,
 * when no row carries that checkpoint, the rows rebuilt from the rewound transcript. Todos come
 * from the transcript; the queue and the draft are the person's and stay. Pure.
 */
export function rewoundChat(
  chat: ChatSnapshot,
  transcript: Pick<RestoredSession, 'messages' | 'checkpoints' | 'compactions' | 'todos'>,
  checkpointId: number | undefined,
): ChatSnapshot {
  const cut = chat.entries.findIndex(
    (entry) => entry.kind === 'user' && checkpointId !== undefined && entry.checkpointId === checkpointId,
  );
  const entries =
    cut === -1 ? entriesFromMessages(transcript.messages, transcript) : chat.entries.slice(0, cut);
  return { ...chat, entries, todos: [...transcript.todos], busy: false, retry: null, context: null };
}
