import type { Message } from '../../messages/message';

/**
 * The messages one request carries, each with where it comes from: its index in the history, or
 * {@link summaryOrigin} for a summary standing in for history messages. Plain data; the layers of
 * the pipeline take a view and return a new one, never changing the one they were given.
 */
export interface ContextView {
  readonly messages: readonly Message[];
  /** Parallel to `messages`. */
  readonly origins: readonly number[];
}

/** The origin of a message that is not in the history: a compaction or collapse summary. */
export const summaryOrigin = -1;

/**
 * Whether a stretch of the conversation may begin at `message` (or end just before it): anything
 * but a turn of tool results, which must stay right after the assistant message that made the
 * calls. `undefined` (past the end) is a boundary too.
 */
export function isSpanBoundary(message: Message | undefined): boolean {
  return (
    message === undefined ||
    message.role === 'assistant' ||
    !message.content.some((block) => block.type === 'tool_result')
  );
}
