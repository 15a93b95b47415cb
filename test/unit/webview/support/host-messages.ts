import { type ChatSnapshot, emptyChatSnapshot } from '../../../../src/protocol/chat-snapshot';
import type { ConversationEntry } from '../../../../src/protocol/conversation-entry';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { type PanelView, initialPanelView } from '../../../../src/protocol/panel-view';
import { reducePanel } from '../../../../src/protocol/reduce-panel';

/** Applies messages in order to a fresh (or given) view. */
export function applyAll(
  messages: readonly HostToWebviewMessage[],
  view: PanelView = initialPanelView(),
): PanelView {
  return messages.reduce(reducePanel, view);
}

/** The rows of a chat, or an empty list. */
export function entriesOf(view: PanelView, chatId: string): ConversationEntry[] {
  return view.chats[chatId]?.entries ?? [];
}

/** A chat snapshot with these rows (and anything else given). */
export function snapshotOf(entries: ConversationEntry[], rest: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return { ...emptyChatSnapshot(), entries, ...rest };
}

/** Loads a chat whole, as the host does on `ready`. */
export const loadChat = (chatId: string, chat: ChatSnapshot): HostToWebviewMessage => ({
  type: HostMessageType.DidLoadChat,
  chatId,
  chat,
});

/** A text delta. */
export const stream = (chatId: string, text: string): HostToWebviewMessage => ({
  type: HostMessageType.DidStreamText,
  chatId,
  text,
});

/** The person's message, as the host appends it. */
export const userMessage = (chatId: string, id: string, text: string): HostToWebviewMessage => ({
  type: HostMessageType.DidAppendMessage,
  chatId,
  entry: { kind: 'user', id, text, attachments: [] },
});

/** A `count`-row conversation alternating user and assistant rows. */
export function longConversation(count: number): ConversationEntry[] {
  return Array.from({ length: count }, (_, index): ConversationEntry =>
    index % 2 === 0
      ? { kind: 'user', id: `u${index}`, text: `Question ${index}`, attachments: [] }
      : { kind: 'assistant', id: `a${index}`, text: `Answer ${index} with **bold** and \`code\`.` },
  );
}
