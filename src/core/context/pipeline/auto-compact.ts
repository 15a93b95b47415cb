import type { Message } from '../../messages/message';
import type { ContextView } from './context-view';
import { isSpanBoundary, summaryOrigin } from './context-view';

/**
 * Layer 5 of the context pipeline: at `window − output reserve − buffer` the conversation is
 * summarised by one call on the same model over the same cached prefix, and the session goes on
 * from the summary, the re-attached state and the newest turns. A circuit breaker stops trying
 * after three failures in a row and tells the person.
 */

/** Auto-compaction stops trying after this many failures in a row. */
export const maxCompactFailures = 3;

/** What the decision to auto-compact is made from. */
export interface AutoCompactInput {
  tokens: number;
  threshold: number;
  /** Failures in a row so far. */
  failures: number;
  /** This call already follows a compaction: a summary still too long must not loop. */
  afterCompaction: boolean;
  /** Off by the person's settings (manual and reactive compaction still run). */
  enabled: boolean;
}

/** Whether to compact before this call. Pure. */
export function shouldAutoCompact(input: AutoCompactInput): boolean {
  return (
    input.enabled &&
    !input.afterCompaction &&
    input.failures < maxCompactFailures &&
    input.tokens > input.threshold
  );
}

/**
 * Where the newest turns kept verbatim after the summary begin, as a view index: the longest tail
 * of history messages (no summary among them) that starts on a whole turn and holds at most
 * `keepTokens`. The view's length when nothing can be kept. Pure.
 */
export function keptTailStart(
  view: ContextView,
  options: { keepTokens: number; estimate(message: Message): number },
): number {
  let tokens = 0;
  let start = view.messages.length;
  for (let index = view.messages.length - 1; index >= 0; index -= 1) {
    if (view.origins[index] === summaryOrigin) break;
    tokens += options.estimate(view.messages[index]!);
    if (tokens > options.keepTokens) break;
    if (isSpanBoundary(view.messages[index])) start = index;
  }
  return start;
}
