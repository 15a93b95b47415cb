/** @jsxRuntime automatic */
import { type ReactNode, useMemo, useState } from 'react';
import type { ConversationEntryOf } from '../../../src/protocol/conversation-entry';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { DiffView } from '../diff/diff-view';
import { diffStats, parseUnifiedDiff } from '../diff/parse-unified-diff';
import { usePanel } from '../panel-context';
import { markEdit } from '../state/local-actions';

const statusText = {
  pending: 'Waiting for review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

/** An edit waiting for review: its diff, then Accept / Reject (with an optional reason) / Open diff. */
export function EditPreview({
  chatId,
  entry,
}: {
  chatId: string;
  entry: ConversationEntryOf<'edit'>;
}): ReactNode {
  const { store, post } = usePanel();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const stats = useMemo(() => diffStats(parseUnifiedDiff(entry.diff)), [entry.diff]);
  const pending = entry.status === 'pending';

  const answer = (choice: 'accept' | 'reject' | 'open-diff', why?: string): void => {
    const trimmed = why?.trim();
    post({
      type: WebviewMessageType.AnswerEditCommand,
      chatId,
      requestId: entry.id,
      answer: choice,
      ...(trimmed ? { reason: trimmed } : {}),
    });
    if (choice === 'open-diff') return;
    const status = choice === 'accept' ? 'accepted' : 'rejected';
    store.setState((state) =>
      markEdit(state, { chatId, requestId: entry.id, status, reason: trimmed || undefined }),
    );
  };

  return (
    <section className={`card edit-preview edit-${entry.status}`} aria-label={`Edit ${entry.path}`}>
      <header className="card-header">
        <span className="codicon codicon-diff" aria-hidden="true" />
        <button
          type="button"
          className="link-button"
          onClick={() => post({ type: WebviewMessageType.OpenFileCommand, path: entry.path })}
          title={`Open ${entry.path}`}
        >
          {entry.path}
        </button>
        <span className="diff-stats">
          <span className="diff-stats-added">+{stats.added}</span>{' '}
          <span className="diff-stats-removed">−{stats.removed}</span>
        </span>
        <span className="card-status">{statusText[entry.status]}</span>
      </header>
      <DiffView diff={entry.diff} label={`Changes to ${entry.path}`} />
      {entry.reason !== undefined && !pending ? <p className="edit-reason">{entry.reason}</p> : null}
      {pending ? (
        <div className="card-actions">
          <button type="button" className="primary" onClick={() => answer('accept')}>
            Accept
          </button>
          <button type="button" onClick={() => (rejecting ? answer('reject', reason) : setRejecting(true))}>
            Reject
          </button>
          <button type="button" onClick={() => answer('open-diff')}>
            Open diff
          </button>
        </div>
      ) : null}
      {pending && rejecting ? (
        <form
          className="reject-reason"
          onSubmit={(event) => {
            event.preventDefault();
            answer('reject', reason);
          }}
        >
          <input
            aria-label="Reason for rejecting (optional)"
            placeholder="Why? (optional, tells the agent what to do instead)"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            autoFocus
          />
          <button type="submit">Reject with reason</button>
        </form>
      ) : null}
    </section>
  );
}
