/** @jsxRuntime automatic */
import { type ReactNode, useState } from 'react';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { type Panel, PanelContext, usePanel, usePanelState } from '../panel-context';
import { dismissError } from '../state/local-actions';
import { ChatHistory } from './chat-history';
import { Composer } from './composer';
import { Conversation } from './conversation';
import { McpServers } from './mcp-servers';
import { FailActionButton } from './notice-row';
import { PendingEditsBar } from './pending-edits-bar';
import { QueuedMessages } from './queued-messages';
import { RetryBanner } from './retry-banner';
import { TodoPanel } from './todo-panel';

function Header({
  historyOpen,
  onToggleHistory,
}: {
  historyOpen: boolean;
  onToggleHistory: () => void;
}): ReactNode {
  const { post } = usePanel();
  const title = usePanelState(
    (view) => view.chatList.find((chat) => chat.id === view.activeChatId)?.title ?? '',
  );
  return (
    <header className="panel-header">
      <h2 className="panel-title">{title === '' ? 'New chat' : title}</h2>
      <button
        type="button"
        className="icon-button"
        aria-label="Chat history"
        title="Chat history"
        aria-pressed={historyOpen}
        onClick={onToggleHistory}
      >
        <span className="codicon codicon-history" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="New chat"
        title="New chat"
        onClick={() => post({ type: WebviewMessageType.NewChatCommand })}
      >
        <span className="codicon codicon-add" aria-hidden="true" />
      </button>
    </header>
  );
}

function Banners(): ReactNode {
  const { store } = usePanel();
  const trusted = usePanelState((view) => view.trusted);
  const error = usePanelState((view) => view.error);
  return (
    <>
      {trusted ? null : (
        <div className="banner banner-warning" role="status">
          <span className="codicon codicon-shield" aria-hidden="true" />
          Restricted Mode: Tandem can only read files until you trust this workspace.
        </div>
      )}
      {error === null ? null : (
        <div className="banner banner-error" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span className="banner-message">{error.message}</span>
          <FailActionButton action={error.action} />
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss error"
            onClick={() => store.setState(dismissError)}
          >
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </div>
      )}
    </>
  );
}

function Layout(): ReactNode {
  const activeChatId = usePanelState((view) => view.activeChatId);
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <main className="panel">
      <Header historyOpen={historyOpen} onToggleHistory={() => setHistoryOpen(!historyOpen)} />
      <Banners />
      <McpServers />
      {historyOpen ? <ChatHistory onClose={() => setHistoryOpen(false)} /> : null}
      {activeChatId === null ? (
        <div className="conversation-empty">
          <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" />
          <p>Connecting to Tandem…</p>
        </div>
      ) : (
        <>
          <TodoPanel chatId={activeChatId} />
          <RetryBanner chatId={activeChatId} />
          <Conversation key={activeChatId} chatId={activeChatId} />
          <QueuedMessages chatId={activeChatId} />
          <PendingEditsBar chatId={activeChatId} />
        </>
      )}
      <Composer chatId={activeChatId} />
    </main>
  );
}

/** The panel root: provides the store and the host channel to every component. */
export function App({ panel }: { panel: Panel }): ReactNode {
  return (
    <PanelContext.Provider value={panel}>
      <Layout />
    </PanelContext.Provider>
  );
}
