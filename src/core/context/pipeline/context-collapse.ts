import type { Message } from '../../messages/message';
import type { ContextView } from './context-view';
import { isSpanBoundary, summaryOrigin } from './context-view';

/**
 * Layer 4 of the context pipeline: a span of older turns is summarised (by the small model) and
 * the summary is stored; from then on each request is built with the summary in the span's place.
 * A read-time projection: the history keeps the span, so the panel, checkpoints and resume still
 * see everything. It costs a small call, less than a compaction, and keeps the newest turns and
 * the rest of the conversation verbatim.
 */

/** What a collapse is chosen from. */
export interface CollapseInput {
  view: ContextView;
  /** The measured context of `view`, in tokens. */
  tokens: number;
  /** Collapse until the context is at most this. */
  target: number;
  /** Only messages from this view index on may be collapsed (covered turns are snip's). */
  eligibleFrom: number;
  /** The newest messages holding this many tokens stay verbatim. */
  protectTokens: number;
  /** A span must free at least this many tokens to be worth a summary call. */
  minTokens: number;
  estimate(message: Message): number;
}

/** The share of a span its summary is expected to take. */
export const summaryShare = 0.2;

/**
 * The span to collapse, as view indices `[from, to)`: the oldest stretch of history messages (no
 * summary among them, whole turns only) before the protected tail, as short as frees what the
 * context is over `target` by, or as long as the stretch allows when it cannot. Undefined when
 * no stretch frees `minTokens`. Pure.
 */
export function chooseCollapseSpan(input: CollapseInput): { from: number; to: number } | undefined {
  const { view } = input;
  const protectFrom = protectedTailStart(input);
  const need = input.tokens - input.target;
  let start = input.eligibleFrom;
  while (start < protectFrom) {
    const run = spanFrom(input, start, protectFrom, need);
    if (run && run.freed >= input.minTokens) return { from: start, to: run.to };
    start = run ? run.to : start + 1;
    while (start < protectFrom && !canStart(view, start)) start += 1;
  }
  return undefined;
}

/** From `from`, the end of the shortest span that frees `need`, else of the longest; undefined when none ends well. */
function spanFrom(
  input: CollapseInput,
  from: number,
  limit: number,
  need: number,
): { to: number; freed: number } | undefined {
  const { view } = input;
  if (!canStart(view, from)) return undefined;
  let tokens = 0;
  let best: { to: number; freed: number } | undefined;
  for (let index = from; index < limit; index += 1) {
    const origin = view.origins[index]!;
    if (origin === summaryOrigin || (index > from && origin !== view.origins[index - 1]! + 1)) break;
    tokens += input.estimate(view.messages[index]!);
    if (!isSpanBoundary(view.messages[index + 1])) continue;
    best = { to: index + 1, freed: Math.floor(tokens * (1 - summaryShare)) };
    if (best.freed >= need) break;
  }
  return best;
}

function canStart(view: ContextView, index: number): boolean {
  return view.origins[index] !== summaryOrigin && isSpanBoundary(view.messages[index]);
}

/** The first index of the newest messages that together hold at most `protectTokens`. */
function protectedTailStart(input: CollapseInput): number {
  let tokens = 0;
  let index = input.view.messages.length;
  while (index > 0) {
    tokens += input.estimate(input.view.messages[index - 1]!);
    if (tokens > input.protectTokens) break;
    index -= 1;
  }
  return index;
}
