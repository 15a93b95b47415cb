import type { Message, ToolUseBlock } from '../../messages/message';
import type { ContextLedger } from './context-ledger';
import { collapseMessage, compactionMessage } from './context-ledger';
import type { ContextView } from './context-view';
import { summaryOrigin } from './context-view';
import type { ClearedResults } from './microcompact';

/** Everything a request is projected from, besides the history. */
export interface ProjectionState {
  ledger: ContextLedger;
  /** The first covered message still sent after the compaction summary (snip moves it on). */
  sendFrom: number;
  /** Tool results microcompact cleared. */
  cleared: ReadonlySet<string>;
}

/**
 * Builds what a request carries from the whole history: the compaction's summary (with what was
 * re-attached), the covered messages snip has not dropped, then the rest of the history with each
 * collapsed span replaced by its summary and each cleared tool result by its stub. Read-time only:
 * the history is not changed. Pure but for `stubs`, which keeps stubbed copies stable.
 */
export function projectContext(
  history: readonly Message[],
  state: ProjectionState,
  stubs: { results: ClearedResults; calls: ReadonlyMap<string, ToolUseBlock> },
): ContextView {
  const messages: Message[] = [];
  const origins: number[] = [];
  const { compaction, collapses } = state.ledger;
  let index = 0;
  if (compaction) {
    messages.push(compactionMessage(compaction));
    origins.push(summaryOrigin);
    index = Math.min(history.length, Math.max(compaction.keepFrom, state.sendFrom));
  }
  let next = 0;
  while (index < history.length) {
    while (next < collapses.length && collapses[next]!.from < index) next += 1;
    const span = collapses[next];
    if (span && span.from === index && span.to <= history.length) {
      messages.push(collapseMessage(span));
      origins.push(summaryOrigin);
      index = span.to;
      continue;
    }
    messages.push(stubs.results.apply(history[index]!, state.cleared, stubs.calls));
    origins.push(index);
    index += 1;
  }
  return { messages, origins };
}
