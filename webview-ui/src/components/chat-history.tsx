/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';

/** When a chat last changed, in the person's locale. */
function formatWhen(updatedAt: number): string {
  const date = new Date(updatedAt);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString();
}

/** The chat history: titles, a busy indicator for running chats; choosing one opens it. */
export function ChatHistory({ onClose }: { onClose: () => void }): ReactNode {
  const { post } = usePanel();
  const chats = usePanelState((state) => state.chatList);
  const activeChatId = usePanelState((state) => state.activeChatId);
  const sorted = [...chats].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    <nav className="chat-history" aria-label="Chat history">
      {sorted.length === 0 ? <p className="chat-history-empty">No chats yet.</p> : null}
      <ul>
        {sorted.map((chat) => (
          <li key={chat.id}>
            <button
              type="button"
              className={`chat-history-item${chat.id === activeChatId ? ' active' : ''}`}
              aria-current={chat.id === activeChatId ? 'true' : undefined}
              onClick={() => {
                post({ type: WebviewMessageType.OpenChatCommand, chatId: chat.id });
                onClose();
              }}
            >
              {chat.busy ? (
                <span
                  className="codicon codicon-loading codicon-modifier-spin"
                  role="img"
                  aria-label="running"
                />
              ) : (
                <span className="codicon codicon-comment-discussion" aria-hidden="true" />
              )}
              <span className="chat-title">{chat.title === '' ? 'New chat' : chat.title}</span>
              <span className="chat-when">{formatWhen(chat.updatedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
