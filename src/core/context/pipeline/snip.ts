import type { Message } from '../../messages/message';
import type { ContextView } from './context-view';
import { isSpanBoundary } from './context-view';

/**
 * Layer 2 of the context pipeline: the oldest turns that a previous summary already covers are
 * dropped from what is sent. A compaction keeps the newest turns it summarised verbatim, so the
 * work goes on with its details at hand; once the context needs the room, those turns go first —
 * the summary still says what happened in them — and nothing is lost that was not already kept.
 */

/** What snip decides from. */
export interface SnipInput {
  view: ContextView;
  /** The measured context of `view`, in tokens. */
  tokens: number;
  /** Drop until the context is at most this. */
  target: number;
  /** History messages `[from, through)` the summary at the head of the view covers and still sends. */
  covered: { from: number; through: number };
  estimate(message: Message): number;
}

/**
 * The first covered message to keep sending: oldest first, whole turns only (never a tool result
 * without its call), as few as bring the context under `target`, or all of them when none do.
 * Returns `covered.through` when every covered message goes, and undefined when none can. Pure.
 */
export function snip(input: SnipInput): number | undefined {
  const { view, covered } = input;
  const isCovered = (origin: number | undefined) =>
    origin !== undefined && origin >= covered.from && origin < covered.through;
  const start = view.origins.findIndex((origin) => isCovered(origin));
  if (start === -1) return undefined;
  let end = start;
  while (isCovered(view.origins[end])) end += 1;
  let tokens = input.tokens;
  let cut: number | undefined;
  for (let index = start; index < end; index += 1) {
    tokens -= input.estimate(view.messages[index]!);
    if (!isSpanBoundary(view.messages[index + 1])) continue;
    cut = index + 1;
    if (tokens <= input.target) break;
  }
  if (cut === undefined) return undefined;
  return cut === end ? covered.through : view.origins[cut]!;
}
