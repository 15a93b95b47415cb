import type { Attachment } from './attachment';
import type { ChatSummary, ModelOption, PermissionMode } from './chat-state';
import type { ChatSnapshot } from './chat-snapshot';
import type { McpServerView } from './mcp-server-events';
import type { ChatMatch } from './history-messages';
import type { WireError } from './wire-error';

/**
 * A message the person sent that the host has not acknowledged yet. The composer shows it, fixed,
 * ahead of anything typed after it, until the reply; `chatId` is null when it was sent before the
 * host said which chat is shown, and is filled in once it does.
 */
export interface OutgoingMessage {
  requestId: string;
  chatId: string | null;
  text: string;
  attachments: Attachment[];
}

/** An answer posted to a prompt or preview that the host has not confirmed yet. */
export interface PendingAnswer {
  chatId: string;
  /** The composer text sent with the answer as its reason; cleared from the composer once confirmed. */
  composerText?: string;
}

/** A queued message's new text, posted and not yet confirmed. */
export interface QueueEdit {
  chatId: string;
  text: string;
}

/** A search of the history's conversations: the request in flight, then what it found. */
export interface ChatSearch {
  requestId: string;
  query: string;
  /** Null until the host answers. */
  matches: ChatMatch[] | null;
}

/**
 * Everything the panel renders. The chats are what the host holds (`ChatSnapshot`, reduced by
 * `reduceChat`); the rest is the webview's own bookkeeping of what the person typed and sent, so
 * nothing typed is lost while the host is away or has not answered.
 */
export interface PanelView {
  /** The host has answered this page's `ready`. */
  connected: boolean;
  chats: Record<string, ChatSnapshot>;
  chatList: ChatSummary[];
  activeChatId: string | null;
  mode: PermissionMode;
  model: string;
  models: ModelOption[];
  trusted: boolean;
  /** The workspace's MCP servers and their states; empty until the host sends them (or none). */
  mcpServers: McpServerView[];
  /** A panel-wide error (no chat): shown above the conversation until dismissed or replaced. */
  error: WireError | null;
  outbox: OutgoingMessage[];
  /** The composer text per chat (`composerKey`) not yet sent: what is typed after the outbox's messages. */
  composer: Record<string, string>;
  /** Why the last send from a composer failed; the text is still in it. */
  composerErrors: Record<string, WireError>;
  answering: Record<string, PendingAnswer>;
  queueEdits: Record<string, QueueEdit>;
  /** The history's conversation search, while the person searches. */
  chatSearch: ChatSearch | null;
}

/** The composer slot of a chat; before the host names a chat, typing goes to the empty key. */
export function composerKey(chatId: string | null): string {
  return chatId ?? '';
}

/** The panel before the host has said anything. */
export function initialPanelView(): PanelView {
  return {
    connected: false,
    chats: {},
    chatList: [],
    activeChatId: null,
    mode: 'default',
    mcpServers: [],
    model: '',
    models: [],
    trusted: true,
    error: null,
    outbox: [],
    composer: {},
    composerErrors: {},
    answering: {},
    queueEdits: {},
    chatSearch: null,
  };
}
