/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntryOf } from '../../../src/protocol/conversation-entry';
import { formatUsage, usageBreakdown } from './format-usage';

const reasons: Record<ConversationEntryOf<'usage'>['terminalReason'], string> = {
  completed: '',
  aborted: 'Stopped',
  max_turns: 'Stopped: turn limit reached',
  prompt_too_long: 'Stopped: conversation too long',
  model_error: 'Stopped: model error',
};

/** Tokens and cost of one turn, and why it ended when it did not complete. */
export function UsageLine({ entry }: { entry: ConversationEntryOf<'usage'> }): ReactNode {
  const reason = reasons[entry.terminalReason];
  return (
    <div className="usage-line">
      {reason === '' ? null : <span className="usage-reason">{reason}</span>}
      <span className="codicon codicon-pulse" aria-hidden="true" />
      <span title={usageBreakdown(entry)}>{formatUsage(entry)}</span>
    </div>
  );
}
