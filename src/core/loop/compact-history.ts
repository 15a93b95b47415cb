import type { CompactRequest, Compactor } from '../context/compactor';
import type { Message } from '../messages/message';
import type { LoopEvent } from './loop-event';

/** The event announcing a compaction. */
export type ContextCompactEvent = Extract<LoopEvent, { type: 'context-compact' }>;

/**
 * Runs one compaction and, when it returns a shorter history, swaps it into `history` in place, so
 * whoever holds that array (the agent) sees the new history. Returns the event announcing it, or
 * undefined when nothing was compacted (the compactor could not, or a PreCompact hook refused).
 */
export async function compactHistory(
  compact: Compactor,
  request: Omit<CompactRequest, 'messages'> & { history: Message[] },
): Promise<ContextCompactEvent | undefined> {
  const { history, ...rest } = request;
  // A copy: the compactor may keep what it summarised, and `history` is about to change.
  const shorter = await compact({ ...rest, messages: [...history] });
  if (!shorter) return undefined;
  const before = history.length;
  history.splice(0, history.length, ...shorter);
  return {
    type: 'context-compact',
    before,
    after: shorter.length,
    trigger: request.trigger,
    contextTokens: request.contextTokens,
  };
}
