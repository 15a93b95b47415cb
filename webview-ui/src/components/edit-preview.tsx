/** @jsxRuntime automatic */
import { type ReactNode, useMemo } from 'react';
import type { ConversationEntryOf, EditHunks, EditStatus } from '../../../src/protocol/conversation-entry';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { DiffView } from '../diff/diff-view';
import { diffStats, parseUnifiedDiff } from '../diff/parse-unified-diff';
import { usePanel, usePanelState } from '../panel-context';
import { markAnswering, typeInComposer } from '../state/local-actions';
import { focusComposer } from './composer';
import { useComposerReason } from './use-composer-reason';

const statusText: Record<EditStatus, string> = {
  pending: 'Waiting for review',
  written: 'Written',
  rejected: 'Rejected',
  refused: 'Not written',
  cancelled: 'Cancelled',
};

/** "In the editor: 2 of 5 changes accepted, 1 rejected" once hunks were decided there. */
function HunkProgress({ hunks, pending }: { hunks: EditHunks; pending: boolean }): ReactNode {
  if (hunks.accepted + hunks.rejected === 0) return null;
  const parts = [
    hunks.accepted > 0 ? `${hunks.accepted} of ${hunks.total} changes accepted` : '',
    hunks.rejected > 0 ? `${hunks.rejected} rejected` : '',
  ].filter((part) => part !== '');
  const waiting = hunks.total - hunks.accepted - hunks.rejected;
  return (
    <p className="edit-hunks" role="status">
      <span className="codicon codicon-list-selection" aria-hidden="true" /> In the editor: {parts.join(', ')}
      {pending && waiting > 0 ? `; ${waiting} still waiting` : ''}.
    </p>
  );
}

/**
 * An edit waiting for review: its diff, then Accept / Reject / Open diff — one click each. Reject
 * takes what is typed in the message box as its reason, if anything is; a reason can also be sent
 * afterwards. The status shown is what the host did (written, or refused and why), never a guess.
 */
export function EditPreview({
  chatId,
  entry,
}: {
  chatId: string;
  entry: ConversationEntryOf<'edit'>;
}): ReactNode {
  const { store, post } = usePanel();
  const answering = usePanelState((view) => view.answering[entry.id] !== undefined);
  const reason = useComposerReason(chatId);
  const stats = useMemo(() => diffStats(parseUnifiedDiff(entry.diff)), [entry.diff]);
  const pending = entry.status === 'pending';

  const answer = (choice: 'accept' | 'reject' | 'open-diff'): void => {
    const withReason = choice === 'reject' && reason !== undefined;
    post({
      type: WebviewMessageType.AnswerEditCommand,
      chatId,
      requestId: entry.id,
      answer: choice,
      ...(withReason ? { reason } : {}),
    });
    if (choice === 'open-diff') return;
    store.setState((view) => {
      const composerText = view.composer[chatId];
      return markAnswering(view, {
        requestId: entry.id,
        chatId,
        ...(withReason && composerText !== undefined ? { composerText } : {}),
      });
    });
  };

  const explainAfter = (): void => {
    store.setState((view) =>
      typeInComposer(
        view,
        chatId,
        `About the edit to ${entry.path} I rejected: ${view.composer[chatId] ?? ''}`,
      ),
    );
    focusComposer();
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
        <span className="card-status">{answering ? 'Applying…' : statusText[entry.status]}</span>
      </header>
      <DiffView diff={entry.diff} label={`Changes to ${entry.path}`} />
      {entry.hunks === undefined ? null : <HunkProgress hunks={entry.hunks} pending={pending} />}
      {pending && entry.problem !== undefined ? (
        <p className="edit-problem" role="alert">
          <span className="codicon codicon-warning" aria-hidden="true" /> {entry.problem}
        </p>
      ) : null}
      {!pending && (entry.reason ?? entry.detail) !== undefined ? (
        <p className="edit-reason">{entry.reason ?? entry.detail}</p>
      ) : null}
      {pending ? (
        <div className="card-actions">
          <button type="button" className="primary" disabled={answering} onClick={() => answer('accept')}>
            Accept
          </button>
          <button
            type="button"
            disabled={answering}
            onClick={() => answer('reject')}
            title={reason === undefined ? 'Reject this edit' : 'Reject, with what you typed as the reason'}
          >
            Reject
          </button>
          <button type="button" disabled={answering} onClick={() => answer('open-diff')}>
            Open diff
          </button>
          {entry.hunks === undefined ? null : (
            <button
              type="button"
              title="Show each change in the editor, with Accept and Reject on every one"
              onClick={() =>
                post({ type: WebviewMessageType.ReviewInEditorCommand, chatId, requestId: entry.id })
              }
            >
              Review in editor
            </button>
          )}
          {reason === undefined ? null : (
            <span className="card-hint">Reject sends your message as the reason.</span>
          )}
        </div>
      ) : null}
      {entry.status === 'rejected' && entry.reason === undefined ? (
        <div className="card-actions">
          <button type="button" className="link-button" onClick={explainAfter}>
            Tell the agent why…
          </button>
        </div>
      ) : null}
    </section>
  );
}
