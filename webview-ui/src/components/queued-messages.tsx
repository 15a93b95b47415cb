/** @jsxRuntime automatic */
import { type ReactNode, useState } from 'react';
import type { QueueHold, QueuedMessage } from '../../../src/protocol/chat-snapshot';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';
import { newRequestId, trackQueueEdit } from '../state/local-actions';

const noQueue: QueuedMessage[] = [];
const holdText: Record<QueueHold, string> = {
  stopped: 'Not sent: you stopped the turn.',
  failed: 'Not sent: the turn did not complete.',
  interrupted: 'Not sent: the extension host restarted during the turn.',
};

function QueuedItem({ chatId, message }: { chatId: string; message: QueuedMessage }): ReactNode {
  const { store, post } = usePanel();
  const [editing, setEditing] = useState<string | null>(null);
  const change = (action: 'edit' | 'remove'): void => {
    const requestId = newRequestId('queue');
    const text = editing?.trim() ?? '';
    if (action === 'edit') {
      if (text === '') return;
      store.setState((view) => trackQueueEdit(view, { requestId, chatId, text }));
    }
    post({
      type: WebviewMessageType.ChangeQueuedMessageRequest,
      requestId,
      chatId,
      messageId: message.id,
      action,
      ...(action === 'edit' ? { text } : {}),
    });
    setEditing(null);
  };
  if (editing !== null) {
    return (
      <li className="queued-message queued-message-editing">
        <textarea
          aria-label="Edit queued message"
          value={editing}
          rows={2}
          autoFocus
          onChange={(event) => setEditing(event.target.value)}
        />
        <div className="card-actions">
          <button type="button" className="primary" onClick={() => change('edit')}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </div>
      </li>
    );
  }
  return (
    <li className="queued-message">
      <span className="queued-message-text">{message.text}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Edit queued message"
        onClick={() => setEditing(message.text)}
      >
        <span className="codicon codicon-edit" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Remove queued message"
        onClick={() => change('remove')}
      >
        <span className="codicon codicon-trash" aria-hidden="true" />
      </button>
    </li>
  );
}

/**
 * Messages typed during a turn, under it: they go out one per turn when it ends. Stop holds them
 * (so does a failed turn or a restart) and the panel says so, with a button to send them anyway.
 */
export function QueuedMessages({ chatId }: { chatId: string }): ReactNode {
  const { post } = usePanel();
  const queue = usePanelState((view) => view.chats[chatId]?.queue ?? noQueue);
  const hold = usePanelState((view) => view.chats[chatId]?.queueHold ?? null);
  const busy = usePanelState((view) => view.chats[chatId]?.busy ?? false);
  if (queue.length === 0) return null;
  return (
    <section className="queued-messages" aria-label="Queued messages">
      <header className="queued-header">
        <span className="codicon codicon-clock" aria-hidden="true" />
        <span>
          {hold === null ? 'Queued: sent when this turn ends (Stop keeps them unsent).' : holdText[hold]}
        </span>
        {hold !== null && !busy ? (
          <button type="button" onClick={() => post({ type: WebviewMessageType.SendQueuedCommand, chatId })}>
            Send now
          </button>
        ) : null}
      </header>
      <ol>
        {queue.map((message) => (
          <QueuedItem key={message.id} chatId={chatId} message={message} />
        ))}
      </ol>
    </section>
  );
}
