import type { ConversationEntry } from '../../../../src/protocol/conversation-entry';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { applyHostMessage } from '../../../../webview-ui/src/state/apply-host-message';
import { type PanelState, initialPanelState } from '../../../../webview-ui/src/state/panel-state';

/** Applies messages in order to a fresh (or given) state. */
export function applyAll(
  messages: readonly HostToWebviewMessage[],
  state: PanelState = initialPanelState(),
): PanelState {
  return messages.reduce(applyHostMessage, state);
}

/** The rows of a chat, or an empty list. */
export function entriesOf(state: PanelState, chatId: string): ConversationEntry[] {
  return state.chats[chatId]?.entries ?? [];
}

/** A text delta. */
export const stream = (chatId: string, text: string): HostToWebviewMessage => ({
  type: HostMessageType.DidStreamText,
  chatId,
  text,
});

/** The echoed user message. */
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
