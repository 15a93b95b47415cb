import { wrapSystemReminder } from '../../context/reminders';
import type { Message } from '../../messages/message';

/**
 * The reminder that names the deferred tools, one per line (names only: what they do is one
 * ToolSearch away, and a line per tool keeps fifty tools near 500 tokens). Undefined when nothing is
 * deferred.
 */
export function deferredToolsReminder(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  return wrapSystemReminder(
    [
      'These tools are available, but their schemas are not loaded yet, so they cannot be called as they are. Load the ones you need with ToolSearch — "select:<name>[,<name>…]" for exact names, or keywords — and call them like any other tool from then on:',
      ...names,
    ].join('\n'),
  );
}

/** Whether a user turn of the history carries this reminder (it is gone after a compaction). */
export function historyHasReminder(history: readonly Message[], reminder: string): boolean {
  return history.some(
    (message) =>
      message.role === 'user' &&
      message.content.some((block) => block.type === 'text' && block.text === reminder),
  );
}
