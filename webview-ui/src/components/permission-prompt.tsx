/** @jsxRuntime automatic */
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import type { ConversationEntryOf, PermissionStatus } from '../../../src/protocol/conversation-entry';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { DiffView } from '../diff/diff-view';
import { usePanel, usePanelState } from '../panel-context';
import { markAnswering } from '../state/local-actions';
import { useComposerReason } from './use-composer-reason';

type Answer = 'allow-once' | 'allow-always' | 'deny';

const statusText: Record<PermissionStatus, string> = {
  pending: '',
  'allow-once': 'Allowed once',
  'allow-always': 'Always allowed',
  deny: 'Denied',
  cancelled: 'Cancelled',
};

/**
 * An inline permission prompt: what will run, why it asks, and Allow / Allow always / Deny. It
 * takes focus when it appears, unless the person is typing; Enter allows once and Escape denies
 * while it has focus. Deny takes
 * what is typed in the message box as the message to the agent, if anything is.
 */
export function PermissionPrompt({
  chatId,
  entry,
}: {
  chatId: string;
  entry: ConversationEntryOf<'permission'>;
}): ReactNode {
  const { store, post } = usePanel();
  const ref = useRef<HTMLElement>(null);
  const answering = usePanelState((view) => view.answering[entry.id] !== undefined);
  const reason = useComposerReason(chatId);
  const pending = entry.status === 'pending';
  const open = pending && !answering;

  useEffect(() => {
    // Never from someone typing: their next Enter would answer a prompt they have not read.
    const typing =
      document.activeElement instanceof HTMLTextAreaElement ||
      document.activeElement instanceof HTMLInputElement;
    if (pending && !typing) ref.current?.focus();
  }, [pending]);

  const answer = (choice: Answer): void => {
    if (!open) return;
    const withReason = choice === 'deny' && reason !== undefined;
    post({
      type: WebviewMessageType.AnswerPermissionCommand,
      chatId,
      requestId: entry.id,
      answer: choice,
      ...(withReason ? { message: reason } : {}),
    });
    store.setState((view) => {
      const composerText = view.composer[chatId];
      return markAnswering(view, {
        requestId: entry.id,
        chatId,
        ...(withReason && composerText !== undefined ? { composerText } : {}),
      });
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (!open || event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      answer('deny');
    } else if (
      event.key === 'Enter' &&
      (event.target === event.currentTarget || !(event.target instanceof HTMLButtonElement))
    ) {
      event.preventDefault();
      answer('allow-once');
    }
  };

  return (
    <section
      ref={ref}
      className={`card permission-prompt permission-${entry.status}`}
      aria-label={`Permission: ${entry.toolName}`}
      tabIndex={pending ? 0 : -1}
      onKeyDown={onKeyDown}
    >
      <header className="card-header">
        <span className="codicon codicon-shield" aria-hidden="true" />
        <strong>{entry.toolName}</strong>
        {pending ? (
          answering ? (
            <span className="card-status">Answering…</span>
          ) : null
        ) : (
          <span className="card-status">{statusText[entry.status]}</span>
        )}
      </header>
      <pre className="permission-title">{entry.title}</pre>
      <p className="permission-reason">{entry.reason}</p>
      {entry.diff === undefined ? null : (
        <DiffView diff={entry.diff} label={`Changes by ${entry.toolName}`} />
      )}
      {pending ? (
        <div className="card-actions">
          <button type="button" className="primary" disabled={answering} onClick={() => answer('allow-once')}>
            Allow
          </button>
          <button
            type="button"
            disabled={answering}
            onClick={() => answer('allow-always')}
            title={entry.suggestedRule === undefined ? undefined : `Adds the rule ${entry.suggestedRule}`}
          >
            Allow always
          </button>
          <button type="button" disabled={answering} onClick={() => answer('deny')}>
            Deny
          </button>
          {entry.suggestedRule === undefined ? null : (
            <code className="permission-rule">{entry.suggestedRule}</code>
          )}
          {reason === undefined ? null : (
            <span className="card-hint">Deny sends your message to the agent.</span>
          )}
        </div>
      ) : null}
    </section>
  );
}
