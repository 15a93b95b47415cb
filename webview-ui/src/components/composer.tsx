/** @jsxRuntime automatic */
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { type Attachment, sameAttachment } from '../../../src/protocol/attachment';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { composerKey } from '../../../src/protocol/panel-view';
import { usePanel, usePanelState } from '../panel-context';
import { newRequestId, queueOutgoing, typeInComposer } from '../state/local-actions';
import { AttachmentChips } from './attachment-chips';
import { ComposerStatus } from './composer-status';
import { boxText, typedAfter } from './composer-text';
import { ContextMeter } from './context-meter';
import { ModelPickers } from './model-pickers';

const noAttachments: Attachment[] = [];
const composerInputId = 'composer-input';

/** Puts the caret at the end of the message box (after a card filled it in). */
export function focusComposer(): void {
  const input = document.getElementById(composerInputId);
  if (input instanceof HTMLTextAreaElement) {
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}

/**
 * The message box. Its text lives in the store, not in the component, so nothing typed is lost
 * when the host arrives, the chat changes or the page reloads; a sent message leaves the box only
 * when the host has taken it, and typing goes on after it meanwhile (Enter sends that too). Enter
 * sends (or queues behind a running turn), Shift+Enter adds a line, `@` opens the attach menu;
 * Stop shows while the chat runs.
 */
export function Composer({ chatId }: { chatId: string | null }): ReactNode {
  const { store, post } = usePanel();
  const key = composerKey(chatId);
  const connected = usePanelState((view) => view.connected);
  const busy = usePanelState((view) => (chatId === null ? false : (view.chats[chatId]?.busy ?? false)));
  const text = usePanelState(
    (view) => view.composer[key] ?? (chatId === null ? '' : (view.chats[chatId]?.draft.text ?? '')),
  );
  const attachments = usePanelState((view) =>
    chatId === null ? noAttachments : (view.chats[chatId]?.draft.attachments ?? noAttachments),
  );
  const outbox = usePanelState((view) => view.outbox);
  const pending = outbox.filter((outgoing) => composerKey(outgoing.chatId) === key);
  const sending = pending.length > 0;
  const [menuOpen, setMenuOpen] = useState(false);

  const send = (): void => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    // Attachments go with the first message that carries them, not again with one typed behind it.
    const fresh = attachments.filter(
      (attachment) =>
        !pending.some((outgoing) => outgoing.attachments.some((sent) => sameAttachment(sent, attachment))),
    );
    store.setState((view) =>
      queueOutgoing(typeInComposer(view, chatId, ''), {
        requestId: newRequestId('message'),
        chatId,
        text: trimmed,
        attachments: fresh,
      }),
    );
  };

  const onChange = (value: string): void => {
    const typed = typedAfter(
      pending.map((outgoing) => outgoing.text),
      value,
    );
    if (typed !== undefined) store.setState((view) => typeInComposer(view, chatId, typed));
  };

  const attach = (kind: 'file' | 'selection'): void => {
    setMenuOpen(false);
    // The `@` that opened the menu is a command, not text.
    store.setState((view) => typeInComposer(view, chatId, text.replace(/@$/, '')));
    if (chatId !== null) post({ type: WebviewMessageType.AttachCommand, chatId, kind });
    focusComposer();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && menuOpen) {
      event.preventDefault();
      setMenuOpen(false);
    } else if (event.key === '@' && chatId !== null) {
      const before = event.currentTarget.value.slice(0, event.currentTarget.selectionStart);
      if (before === '' || /\s$/.test(before)) setMenuOpen(true);
    }
  };

  const placeholder = connected
    ? busy
      ? 'Ask Tandem… (Enter queues it until this turn ends)'
      : 'Ask Tandem… (@ to attach, Shift+Enter for a new line)'
    : 'Connecting to Tandem… you can type already';
  return (
    <div className="composer">
      <AttachmentChips chatId={chatId} attachments={attachments} removable={!sending} />
      {menuOpen ? (
        <div className="attach-menu" role="menu" aria-label="Attach">
          <button type="button" role="menuitem" onClick={() => attach('file')} autoFocus>
            <span className="codicon codicon-file" aria-hidden="true" /> File…
          </button>
          <button type="button" role="menuitem" onClick={() => attach('selection')}>
            <span className="codicon codicon-selection" aria-hidden="true" /> Selection
          </button>
        </div>
      ) : null}
      <textarea
        id={composerInputId}
        className="composer-input"
        aria-label="Message Tandem"
        aria-busy={sending}
        placeholder={placeholder}
        rows={3}
        value={boxText(
          pending.map((outgoing) => outgoing.text),
          text,
        )}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-info">
        <ComposerStatus chatId={chatId} />
        <ContextMeter chatId={chatId} />
      </div>
      <div className="composer-footer">
        <ModelPickers />
        <button
          type="button"
          className="icon-button"
          aria-label="Attach"
          title="Attach a file or the selection"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          disabled={chatId === null}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="codicon codicon-mention" aria-hidden="true" />
        </button>
        {busy ? (
          <button
            type="button"
            className="stop"
            title="Stop this turn (queued messages stay unsent)"
            onClick={() => chatId !== null && post({ type: WebviewMessageType.StopCommand, chatId })}
          >
            <span className="codicon codicon-debug-stop" aria-hidden="true" /> Stop
          </button>
        ) : null}
        {busy && text.trim() === '' ? null : (
          <button type="button" className="primary" onClick={send} disabled={text.trim() === ''}>
            <span className="codicon codicon-send" aria-hidden="true" /> {busy ? 'Queue' : 'Send'}
          </button>
        )}
      </div>
    </div>
  );
}
