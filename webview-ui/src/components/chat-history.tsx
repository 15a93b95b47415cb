/** @jsxRuntime automatic */
import { type ReactNode, useEffect, useState } from 'react';
import type { ChatSummary } from '../../../src/protocol/chat-state';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';
import { endChatSearch, newRequestId, startChatSearch } from '../state/local-actions';

/** How long typing pauses before the conversations are searched, in ms (titles filter at once). */
const searchDelayMs = 200;

/** When a chat last changed, in the person's locale. */
function formatWhen(updatedAt: number): string {
  const date = new Date(updatedAt);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString();
}

/** A chat's row: open it, or rename (inline), export or delete it. */
function ChatRow({
  chat,
  active,
  snippet,
  onOpen,
}: {
  chat: ChatSummary;
  active: boolean;
  snippet: string | undefined;
  onOpen: () => void;
}): ReactNode {
  const { post } = usePanel();
  const [renaming, setRenaming] = useState<string | null>(null);
  const title = chat.title === '' ? 'New chat' : chat.title;
  const commitRename = (): void => {
    const next = renaming?.trim() ?? '';
    setRenaming(null);
    if (next !== '' && next !== chat.title)
      post({ type: WebviewMessageType.RenameChatCommand, chatId: chat.id, title: next });
  };
  if (renaming !== null) {
    return (
      <li className="chat-history-row">
        <input
          className="chat-rename"
          aria-label={`New title for ${title}`}
          value={renaming}
          maxLength={200}
          autoFocus
          onChange={(event) => setRenaming(event.target.value)}
          onBlur={commitRename}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitRename();
            if (event.key === 'Escape') setRenaming(null);
          }}
        />
      </li>
    );
  }
  const action = (icon: string, label: string, run: () => void): ReactNode => (
    <button
      type="button"
      className="icon-button"
      aria-label={`${label} ${title}`}
      title={label}
      onClick={run}
    >
      <span className={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
  return (
    <li className="chat-history-row">
      <button
        type="button"
        className={`chat-history-item${active ? ' active' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={onOpen}
      >
        {chat.busy ? (
          <span className="codicon codicon-loading codicon-modifier-spin" role="img" aria-label="running" />
        ) : (
          <span className="codicon codicon-comment-discussion" aria-hidden="true" />
        )}
        <span className="chat-title">{title}</span>
        <span className="chat-when">{formatWhen(chat.updatedAt)}</span>
        {snippet === undefined ? null : <span className="chat-snippet">{snippet}</span>}
      </button>
      <span className="chat-actions">
        {action('edit', 'Rename', () => setRenaming(chat.title))}
        {action('markdown', 'Export', () =>
          post({ type: WebviewMessageType.ExportChatCommand, chatId: chat.id }),
        )}
        {action('trash', 'Delete', () =>
          post({ type: WebviewMessageType.DeleteChatCommand, chatId: chat.id }),
        )}
      </span>
    </li>
  );
}

/**
 * The chat history: a search box (titles filtered as the person types, conversations searched by
 * the host after a pause), one row per chat with rename, export and delete, and the way to the
 * project's memory. Choosing a chat opens it, resuming its session.
 */
export function ChatHistory({ onClose }: { onClose: () => void }): ReactNode {
  const { post, store } = usePanel();
  const chats = usePanelState((state) => state.chatList);
  const activeChatId = usePanelState((state) => state.activeChatId);
  const search = usePanelState((state) => state.chatSearch);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();

  useEffect(() => {
    if (needle === '') {
      store.setState(endChatSearch);
      return undefined;
    }
    const timer = setTimeout(() => {
      const requestId = newRequestId('search');
      store.setState((view) => startChatSearch(view, { requestId, query: needle }));
      post({ type: WebviewMessageType.SearchChatsRequest, requestId, query: needle });
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [needle, post, store]);
  useEffect(() => () => store.setState(endChatSearch), [store]);

  const found = search?.query === needle ? search.matches : null;
  const snippets = new Map((found ?? []).map((match) => [match.chatId, match.snippet ?? undefined]));
  const shown = [...chats]
    .filter((chat) => needle === '' || chat.title.toLowerCase().includes(needle) || snippets.has(chat.id))
    .sort((a, b) => b.updatedAt - a.updatedAt);
  const searching = needle !== '' && found === null;
  return (
    <nav className="chat-history" aria-label="Chat history">
      <div className="chat-history-tools">
        <input
          type="search"
          className="chat-search"
          aria-label="Search chats"
          placeholder="Search titles and conversations"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Memory"
          title="What Tandem remembers about this project"
          onClick={() => post({ type: WebviewMessageType.ShowMemoryCommand })}
        >
          <span className="codicon codicon-book" aria-hidden="true" />
        </button>
      </div>
      {searching ? (
        <p className="chat-history-empty" role="status">
          Searching conversations…
        </p>
      ) : null}
      {shown.length === 0 && !searching ? (
        <p className="chat-history-empty">{needle === '' ? 'No chats yet.' : 'No chat matches.'}</p>
      ) : null}
      <ul>
        {shown.map((chat) => (
          <ChatRow
            key={chat.id}
            chat={chat}
            active={chat.id === activeChatId}
            snippet={snippets.get(chat.id)}
            onOpen={() => {
              post({ type: WebviewMessageType.OpenChatCommand, chatId: chat.id });
              onClose();
            }}
          />
        ))}
      </ul>
    </nav>
  );
}
