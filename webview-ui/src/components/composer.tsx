/** @jsxRuntime automatic */
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import type { Attachment } from '../../../src/protocol/attachment';
import { permissionModeSchema } from '../../../src/protocol/chat-state';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';
import { setDraft, trackAttachRequest } from '../state/local-actions';

const noAttachments: Attachment[] = [];
const modeLabels = {
  default: 'Ask before edits',
  acceptEdits: 'Accept edits',
  plan: 'Plan (read-only)',
  auto: 'Auto (a model reviews)',
  bypassPermissions: 'Bypass permissions',
};
let attachCounter = 0;

function attachmentLabel(attachment: Attachment): string {
  const range =
    attachment.range === undefined
      ? ''
      : `:${attachment.range.startLine + 1}-${attachment.range.endLine + 1}`;
  return `${attachment.path}${range}`;
}

/** Model and mode pickers: native selects, so they follow the theme and the keyboard for free. */
function Pickers(): ReactNode {
  const { post } = usePanel();
  const model = usePanelState((state) => state.model);
  const models = usePanelState((state) => state.models);
  const mode = usePanelState((state) => state.mode);
  return (
    <div className="composer-pickers">
      <label>
        <span className="picker-label">Model</span>
        <select
          value={model}
          onChange={(event) =>
            post({ type: WebviewMessageType.SelectModelCommand, model: event.target.value })
          }
        >
          {models.length === 0 ? <option value={model}>{model || 'No model'}</option> : null}
          {models.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="picker-label">Mode</span>
        <select
          value={mode}
          onChange={(event) => {
            const parsed = permissionModeSchema.safeParse(event.target.value);
            if (parsed.success) post({ type: WebviewMessageType.SelectModeCommand, mode: parsed.data });
          }}
        >
          {permissionModeSchema.options.map((option) => (
            <option key={option} value={option}>
              {modeLabels[option]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * The message box: Enter sends, Shift+Enter adds a line, `@` opens the attach menu (file or
 * selection, answered by the host), Send while idle, Stop while the chat runs.
 */
export function Composer({ chatId }: { chatId: string | null }): ReactNode {
  const { store, post } = usePanel();
  const busy = usePanelState((state) => (chatId === null ? false : (state.chats[chatId]?.busy ?? false)));
  const attachments = usePanelState((state) =>
    chatId === null ? noAttachments : (state.drafts[chatId] ?? noAttachments),
  );
  const [text, setText] = useState('');
  const [menuOpen, setMenuOpen] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const send = (): void => {
    const trimmed = text.trim();
    if (chatId === null || trimmed === '' || busy) return;
    post({ type: WebviewMessageType.SendMessageCommand, chatId, text: trimmed, attachments });
    store.setState((state) => setDraft(state, chatId, []));
    setText('');
  };

  const attach = (kind: 'file' | 'selection'): void => {
    setMenuOpen(false);
    if (chatId === null) return;
    attachCounter += 1;
    const requestId = `attach-${Date.now()}-${attachCounter}`;
    store.setState((state) => trackAttachRequest(state, { chatId, requestId }));
    post({ type: WebviewMessageType.AttachRequest, requestId, kind });
    // The `@` that opened the menu is a command, not text.
    setText((current) => current.replace(/@$/, ''));
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && menuOpen) {
      event.preventDefault();
      setMenuOpen(false);
    } else if (event.key === '@') {
      const before = event.currentTarget.value.slice(0, event.currentTarget.selectionStart);
      if (before === '' || /\s$/.test(before)) setMenuOpen(true);
    }
  };

  return (
    <div className="composer">
      {attachments.length === 0 ? null : (
        <ul className="attachment-list" aria-label="Attachments">
          {attachments.map((attachment, index) => (
            <li key={index} className="attachment-chip">
              <span className="codicon codicon-file" aria-hidden="true" />
              {attachmentLabel(attachment)}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${attachmentLabel(attachment)}`}
                onClick={() =>
                  chatId !== null &&
                  store.setState((state) =>
                    setDraft(
                      state,
                      chatId,
                      attachments.filter((_, other) => other !== index),
                    ),
                  )
                }
              >
                <span className="codicon codicon-close" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
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
        ref={textarea}
        className="composer-input"
        aria-label="Message Tandem"
        placeholder={
          chatId === null
            ? 'Waiting for the extension…'
            : 'Ask Tandem… (@ to attach, Shift+Enter for a new line)'
        }
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-footer">
        <Pickers />
        <button
          type="button"
          className="icon-button"
          aria-label="Attach"
          title="Attach a file or the selection"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="codicon codicon-mention" aria-hidden="true" />
        </button>
        {busy ? (
          <button
            type="button"
            className="stop"
            onClick={() => chatId !== null && post({ type: WebviewMessageType.StopCommand, chatId })}
          >
            <span className="codicon codicon-debug-stop" aria-hidden="true" /> Stop
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={send}
            disabled={chatId === null || text.trim() === ''}
          >
            <span className="codicon codicon-send" aria-hidden="true" /> Send
          </button>
        )}
      </div>
    </div>
  );
}
