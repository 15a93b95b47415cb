/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';

/**
 * "Accept all / Reject all" for a chat with several edits waiting at once (parallel sub-agents,
 * or edits also being reviewed in the editor), above the composer. One edit has its own card.
 */
export function PendingEditsBar({ chatId }: { chatId: string }): ReactNode {
  const { post } = usePanel();
  const pending = usePanelState(
    (view) =>
      view.chats[chatId]?.entries.filter((entry) => entry.kind === 'edit' && entry.status === 'pending')
        .length ?? 0,
  );
  if (pending < 2) return null;
  const answer = (choice: 'accept' | 'reject'): void =>
    post({ type: WebviewMessageType.AnswerAllEditsCommand, chatId, answer: choice });
  return (
    <div className="pending-edits-bar" role="region" aria-label="Pending edits">
      <span className="codicon codicon-diff" aria-hidden="true" />
      <span className="pending-edits-count">{pending} edits wait for review</span>
      <button type="button" className="primary" onClick={() => answer('accept')}>
        Accept all
      </button>
      <button type="button" onClick={() => answer('reject')}>
        Reject all
      </button>
    </div>
  );
}
