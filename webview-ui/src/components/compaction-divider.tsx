/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntryOf } from '../../../src/protocol/conversation-entry';
import { MarkdownView } from '../markdown/markdown-view';
import { formatTokens } from './format-usage';

const labels: Record<ConversationEntryOf<'compaction'>['trigger'], string> = {
  manual: 'Conversation compacted on request',
  auto: 'Conversation compacted to fit the context window',
  reactive: 'Conversation compacted: it no longer fit the model',
};

/** How much context the compaction freed: "171k → 12k tokens", or the size before when that is all we know. */
export function compactionTokens(
  entry: Pick<ConversationEntryOf<'compaction'>, 'tokensBefore' | 'tokensAfter'>,
): string {
  if (entry.tokensAfter === undefined) return `${formatTokens(entry.tokensBefore)} tokens`;
  return `${formatTokens(entry.tokensBefore)} → ${formatTokens(entry.tokensAfter)} tokens`;
}

/**
 * The divider where the conversation was compacted. The rows above stay as they were; from here on
 * the model works from the summary, which the person can unfold and read.
 */
export function CompactionDivider({ entry }: { entry: ConversationEntryOf<'compaction'> }): ReactNode {
  return (
    <details className="compaction">
      <summary className="compaction-line">
        <span className="codicon codicon-fold" aria-hidden="true" />
        <span className="compaction-label">{labels[entry.trigger]}</span>
        <span className="compaction-tokens">{compactionTokens(entry)}</span>
      </summary>
      <div className="compaction-summary">
        <MarkdownView text={entry.summary} />
      </div>
    </details>
  );
}
