import type { ConversationEntry, ConversationEntryOf } from '../../../src/protocol/conversation-entry';
import type { HostToWebviewMessage } from '../../../src/protocol/host-to-webview-message';
import { HostMessageType } from '../../../src/protocol/message-type';
import { type ChatState, type PanelState, emptyChat } from './panel-state';

/** Returns `state` with one chat replaced; creates the chat if the host talks about a new one. */
export function updateChat(
  state: PanelState,
  chatId: string,
  update: (chat: ChatState) => ChatState,
): PanelState {
  const chat = state.chats[chatId] ?? emptyChat();
  return { ...state, chats: { ...state.chats, [chatId]: update(chat) } };
}

/** Index of the newest row with this kind and id, or -1. Searches from the end: updates hit recent rows. */
function findEntry(
  entries: readonly ConversationEntry[],
  kind: ConversationEntry['kind'],
  id: string,
): number {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry !== undefined && entry.kind === kind && entry.id === id) return index;
  }
  return -1;
}

/** Replaces the row with the same kind and id, or appends it. */
export function upsertEntry(chat: ChatState, entry: ConversationEntry): ChatState {
  const index = findEntry(chat.entries, entry.kind, entry.id);
  const entries = chat.entries.slice();
  if (index === -1) entries.push(entry);
  else entries[index] = entry;
  return { ...chat, entries };
}

/** Applies `patch` to the row of `kind` with `id`; when absent, appends `create()` if given. */
function patchEntry<K extends ConversationEntry['kind']>(
  chat: ChatState,
  target: { kind: K; id: string },
  patch: (entry: ConversationEntryOf<K>) => ConversationEntryOf<K>,
  create?: () => ConversationEntryOf<K>,
): ChatState {
  const index = findEntry(chat.entries, target.kind, target.id);
  if (index === -1) return create === undefined ? chat : upsertEntry(chat, create());
  const entries = chat.entries.slice();
  entries[index] = patch(entries[index] as ConversationEntryOf<K>);
  return { ...chat, entries };
}

/** Appends a row the webview creates itself, with a fresh local id. */
function appendLocal(chat: ChatState, make: (id: string) => ConversationEntry): ChatState {
  const id = `w${chat.nextLocalId}`;
  return { ...chat, nextLocalId: chat.nextLocalId + 1, entries: [...chat.entries, make(id)] };
}

/** Text deltas grow the last assistant row; after any other row they start a new one. */
function appendText(chat: ChatState, text: string): ChatState {
  const last = chat.entries.at(-1);
  if (last?.kind === 'assistant') {
    const entries = chat.entries.slice();
    entries[entries.length - 1] = { ...last, text: last.text + text };
    return { ...chat, busy: true, entries };
  }
  return { ...appendLocal(chat, (id) => ({ kind: 'assistant', id, text })), busy: true };
}

/** Prompts still pending when a turn ends can no longer be answered. */
function cancelPending(entries: ConversationEntry[]): ConversationEntry[] {
  let changed = false;
  const next = entries.map((entry): ConversationEntry => {
    if (entry.kind === 'permission' && entry.status === 'pending') {
      changed = true;
      return { ...entry, status: 'cancelled' };
    }
    if (entry.kind === 'tool' && entry.status === 'running') {
      changed = true;
      return { ...entry, status: 'cancelled' };
    }
    return entry;
  });
  return changed ? next : entries;
}

/**
 * The webview's only way to change conversation state from the host: a pure function of the current
 * state and one validated protocol message. Never throws; unknown ids create rows or are ignored.
 */
export function applyHostMessage(state: PanelState, message: HostToWebviewMessage): PanelState {
  switch (message.type) {
    case HostMessageType.DidLoadChat: {
      const previous = state.chats[message.chatId];
      const chat: ChatState = {
        entries: message.entries,
        todos: message.todos,
        busy: previous?.busy ?? false,
        nextLocalId: previous?.nextLocalId ?? 0,
      };
      return { ...state, chats: { ...state.chats, [message.chatId]: chat } };
    }
    case HostMessageType.DidAppendMessage:
      return updateChat(state, message.chatId, (chat) => upsertEntry(chat, message.entry));
    case HostMessageType.DidStreamText:
      return updateChat(state, message.chatId, (chat) => appendText(chat, message.text));
    case HostMessageType.DidStartTool:
      return updateChat(state, message.chatId, (chat) => ({
        ...upsertEntry(chat, {
          kind: 'tool',
          id: message.toolUseId,
          name: message.name,
          summary: message.summary,
          status: 'running',
          isError: false,
        }),
        busy: true,
      }));
    case HostMessageType.DidUpdateTool:
      return updateChat(state, message.chatId, (chat) =>
        patchEntry(chat, { kind: 'tool', id: message.toolUseId }, (entry) => ({
          ...entry,
          progress: message.progress,
        })),
      );
    case HostMessageType.DidEndTool: {
      const final = {
        status: message.status,
        durationMs: message.durationMs,
        resultPreview: message.resultPreview,
        isError: message.isError,
      };
      return updateChat(state, message.chatId, (chat) =>
        patchEntry(
          chat,
          { kind: 'tool', id: message.toolUseId },
          (entry) => ({ ...entry, ...final, progress: undefined, summary: message.summary ?? entry.summary }),
          () => ({
            kind: 'tool',
            id: message.toolUseId,
            name: message.name,
            summary: message.summary ?? '',
            ...final,
          }),
        ),
      );
    }
    case HostMessageType.DidChangeTodos:
      return updateChat(state, message.chatId, (chat) => ({ ...chat, todos: message.todos }));
    default:
      return applyReviewOrPanelMessage(state, message);
  }
}

function applyReviewOrPanelMessage(state: PanelState, message: HostToWebviewMessage): PanelState {
  switch (message.type) {
    case HostMessageType.DidRequestPermission: {
      const { type: _type, chatId, requestId, ...fields } = message;
      return updateChat(state, chatId, (chat) =>
        upsertEntry(chat, { kind: 'permission', id: requestId, ...fields, status: 'pending' }),
      );
    }
    case HostMessageType.DidResolvePermission:
      return updateChat(state, message.chatId, (chat) =>
        patchEntry(chat, { kind: 'permission', id: message.requestId }, (entry) => ({
          ...entry,
          status: message.status,
        })),
      );
    case HostMessageType.DidProposeEdit: {
      const { type: _type, chatId, requestId, ...fields } = message;
      return updateChat(state, chatId, (chat) =>
        upsertEntry(chat, { kind: 'edit', id: requestId, ...fields, status: 'pending' }),
      );
    }
    case HostMessageType.DidResolveEdit:
      return updateChat(state, message.chatId, (chat) =>
        patchEntry(chat, { kind: 'edit', id: message.requestId }, (entry) => ({
          ...entry,
          status: message.status,
          reason: message.reason ?? entry.reason,
        })),
      );
    case HostMessageType.DidRetry:
      return updateChat(state, message.chatId, (chat) =>
        appendLocal(chat, (id) => ({
          kind: 'notice',
          id,
          level: 'retry',
          message: `${message.message} — retrying in ${Math.round(message.delayMs / 100) / 10}s (attempt ${message.attempt}${message.maxAttempts === undefined ? '' : ` of ${message.maxAttempts}`})`,
        })),
      );
    case HostMessageType.DidEndTurn:
      return updateChat(state, message.chatId, (chat) => {
        const ended = appendLocal(chat, (id) => ({
          kind: 'usage',
          id,
          usage: message.usage,
          costUsd: message.costUsd,
          terminalReason: message.terminalReason,
        }));
        return { ...ended, busy: false, entries: cancelPending(ended.entries) };
      });
    case HostMessageType.DidFail: {
      const { chatId, code, message: text, action } = message;
      if (chatId === undefined) return { ...state, error: { code, message: text, action } };
      return updateChat(state, chatId, (chat) =>
        appendLocal(chat, (id) => ({ kind: 'notice', id, level: 'error', code, message: text, action })),
      );
    }
    default:
      return applyPanelMessage(state, message);
  }
}

function applyPanelMessage(state: PanelState, message: HostToWebviewMessage): PanelState {
  switch (message.type) {
    case HostMessageType.DidChangeChats: {
      const chats = { ...state.chats };
      for (const summary of message.chats) {
        const chat = chats[summary.id];
        if (chat !== undefined && chat.busy !== summary.busy)
          chats[summary.id] = { ...chat, busy: summary.busy };
      }
      return { ...state, chats, chatList: message.chats, activeChatId: message.activeChatId };
    }
    case HostMessageType.DidChangeState: {
      const { mode, model, models, trusted, busy } = message;
      const next = { ...state, mode, model, models, trusted };
      const activeChatId = state.activeChatId;
      if (activeChatId === null) return next;
      return updateChat(next, activeChatId, (chat) => (chat.busy === busy ? chat : { ...chat, busy }));
    }
    case HostMessageType.AttachReply: {
      const { [message.requestId]: chatId, ...pendingAttach } = state.pendingAttach;
      if (chatId === undefined) return state;
      const next = { ...state, pendingAttach };
      if (message.error !== undefined) return { ...next, error: { ...message.error } };
      if (message.attachment === null) return next;
      const drafts = state.drafts[chatId] ?? [];
      return { ...next, drafts: { ...state.drafts, [chatId]: [...drafts, message.attachment] } };
    }
    default:
      return state;
  }
}
