import type { Attachment } from '../../../src/protocol/attachment';
import type { ChatSummary, ModelOption, PermissionMode } from '../../../src/protocol/chat-state';
import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import type { TodoItem } from '../../../src/protocol/todo-item';

/** What the webview keeps for one chat. Several chats may stream at once; each has its own. */
export interface ChatState {
  entries: ConversationEntry[];
  todos: TodoItem[];
  /** A turn is running in this chat. */
  busy: boolean;
  /** Ids for rows the webview itself creates (streamed prose, notices); unique within the chat. */
  nextLocalId: number;
}

/** A panel-wide error (no `chatId`): shown above the composer until dismissed or replaced. */
export interface PanelError {
  code: string;
  message: string;
  action?: 'set-api-key' | 'open-settings';
}

/** Everything the webview renders. Plain data so it persists through `vscode.setState`. */
export interface PanelState {
  chats: Record<string, ChatState>;
  chatList: ChatSummary[];
  activeChatId: string | null;
  mode: PermissionMode;
  model: string;
  models: ModelOption[];
  trusted: boolean;
  error: PanelError | null;
  /** Attachments waiting in the composer of each chat. */
  drafts: Record<string, Attachment[]>;
  /** Attach requests awaiting a reply, by request id → chat id. */
  pendingAttach: Record<string, string>;
}

/** An empty chat. */
export function emptyChat(): ChatState {
  return { entries: [], todos: [], busy: false, nextLocalId: 0 };
}

/** The state before the host has said anything. */
export function initialPanelState(): PanelState {
  return {
    chats: {},
    chatList: [],
    activeChatId: null,
    mode: 'default',
    model: '',
    models: [],
    trusted: true,
    error: null,
    drafts: {},
    pendingAttach: {},
  };
}
