/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { composerKey } from '../../../src/protocol/panel-view';
import { usePanel, usePanelState } from '../panel-context';
import { typeInComposer } from '../state/local-actions';
import { FailActionButton } from './notice-row';

/**
 * One line under the composer saying what will happen to what is typed: connecting (typing works,
 * a message waits), sending, why the last send failed (the text is still there), or that Enter
 * queues behind the running turn.
 */
export function ComposerStatus({ chatId }: { chatId: string | null }): ReactNode {
  const { store } = usePanel();
  const key = composerKey(chatId);
  const connected = usePanelState((view) => view.connected);
  const sending = usePanelState((view) =>
    view.outbox.some((outgoing) => composerKey(outgoing.chatId) === key),
  );
  const error = usePanelState((view) => view.composerErrors[key]);
  const busy = usePanelState((view) => (chatId === null ? false : (view.chats[chatId]?.busy ?? false)));
  if (error !== undefined) {
    return (
      <div className="composer-status composer-status-error" role="alert">
        <span className="codicon codicon-error" aria-hidden="true" />
        <span>{`Not sent: ${error.message} Your message is still here.`}</span>
        <FailActionButton action={error.action} />
        <button
          type="button"
          className="icon-button"
          aria-label="Dismiss"
          onClick={() => store.setState((view) => typeInComposer(view, chatId, view.composer[key] ?? ''))}
        >
          <span className="codicon codicon-close" aria-hidden="true" />
        </button>
      </div>
    );
  }
  const text = !connected
    ? sending
      ? 'Connecting to Tandem… your message is sent as soon as it is ready.'
      : 'Connecting to Tandem… you can type already.'
    : sending
      ? 'Sending…'
      : busy
        ? 'Enter queues your message: it is sent when this turn ends. Stop sends nothing.'
        : '';
  return (
    <div className="composer-status" role="status">
      {!connected || sending ? (
        <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" />
      ) : null}
      {text}
    </div>
  );
}
