import type { Message } from '../messages/message';
import type { TurnCheckpoint } from './restore-session';

/** One message the person sent, as the rewind list and the panel number it. */
export interface ConversationTurn {
  /** 1-based, in the conversation as it stands now (after any rewind). */
  turn: number;
  /** Index of the person's message in the history; rewinding to this turn keeps the messages before it. */
  messageIndex: number;
  /** What the person typed, without the reminders the harness added. */
  prompt: string;
  /** The file checkpoint taken before this turn ran; undefined for turns from before checkpoints. */
  checkpointId: number | undefined;
}

/** A message the person typed: not harness-made and not a carrier of tool results. */
function isPrompt(message: Message): boolean {
  return (
    message.role === 'user' &&
    !message.synthetic &&
    !message.content.some((block) => block.type === 'tool_result')
  );
}

function promptText(message: Message): string {
  return message.content
    .flatMap((block) =>
      block.type === 'text' && !block.text.startsWith('<system-reminder>') ? [block.text] : [],
    )
    .join('\n');
}

/**
 * The person's turns in a restored history, each with the checkpoint taken before it. When two
 * markers precede one message (a prompt a hook blocked, then the next one), the first is kept: a
 * restore to it covers everything the later one does.
 */
export function conversationTurns(session: {
  messages: readonly Message[];
  checkpoints: readonly TurnCheckpoint[];
}): ConversationTurn[] {
  const markers = new Map<number, number>();
  for (const marker of session.checkpoints) {
    if (!markers.has(marker.messageIndex)) markers.set(marker.messageIndex, marker.checkpointId);
  }
  const turns: ConversationTurn[] = [];
  session.messages.forEach((message, messageIndex) => {
    if (!isPrompt(message)) return;
    turns.push({
      turn: turns.length + 1,
      messageIndex,
      prompt: promptText(message),
      checkpointId: markers.get(messageIndex),
    });
  });
  return turns;
}
