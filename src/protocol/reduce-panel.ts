import { emptyChatSnapshot } from './chat-snapshot';
import type { ChangeQueuedMessageReply, SendMessageReply } from './composer-events';
import type { DidChangeChats } from './panel-events';
import type { ChatMessage, HostToWebviewMessage } from './host-to-webview-message';
import { HostMessageType } from './message-type';
import type { PanelView } from './panel-view';
import { reduceChat } from './reduce-chat';

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** Text typed before the host named a chat belongs to the chat it names; early sends go there too. */
function adoptChats(view: PanelView, message: DidChangeChats): PanelView {
  const { activeChatId } = message;
  const next = { ...view, connected: true, chatList: message.chats, activeChatId };
  if (activeChatId === null) return next;
  const early = view.composer[''];
  const current = view.composer[activeChatId];
  const composer =
    early === undefined
      ? view.composer
      : { ...without(view.composer, ''), [activeChatId]: current ? `${current}\n${early}` : early };
  const outbox = view.outbox.some((outgoing) => outgoing.chatId === null)
    ? view.outbox.map((outgoing) =>
        outgoing.chatId === null ? { ...outgoing, chatId: activeChatId } : outgoing,
      )
    : view.outbox;
  return { ...next, composer, outbox };
}

/**
 * The host took the message (it leaves the composer; what was typed after it stays) or refused it
 * (its text goes back into the composer, ahead of anything typed since, with why).
 */
function settleSend(view: PanelView, message: SendMessageReply): PanelView {
  const sent = view.outbox.find((outgoing) => outgoing.requestId === message.requestId);
  if (sent === undefined) return view;
  const outbox = view.outbox.filter((outgoing) => outgoing !== sent);
  const key = message.chatId;
  if (message.disposition === 'failed') {
    const error = message.error ?? { code: 'send-failed', message: 'The message could not be sent.' };
    const typed = view.composer[key] ?? '';
    const composer = { ...view.composer, [key]: typed === '' ? sent.text : `${sent.text}\n${typed}` };
    return { ...view, outbox, composer, composerErrors: { ...view.composerErrors, [key]: error } };
  }
  return { ...view, outbox, composerErrors: without(view.composerErrors, key) };
}

/** A queued message was sent before the person's change to it arrived: the changed text comes back. */
function settleQueueEdit(view: PanelView, message: ChangeQueuedMessageReply): PanelView {
  const edit = view.queueEdits[message.requestId];
  if (edit === undefined) return view;
  const queueEdits = without(view.queueEdits, message.requestId);
  if (message.error === undefined) return { ...view, queueEdits };
  const current = view.composer[edit.chatId];
  const error = {
    ...message.error,
    message: `${message.error.message} Your text is back in the message box.`,
  };
  return {
    ...view,
    queueEdits,
    composer: { ...view.composer, [edit.chatId]: current ? `${current}\n${edit.text}` : edit.text },
    composerErrors: { ...view.composerErrors, [edit.chatId]: error },
  };
}

/** A prompt or preview the person answered is confirmed; a reason taken from the composer leaves it. */
function settleAnswer(view: PanelView, message: ChatMessage): PanelView {
  if (
    message.type !== HostMessageType.DidResolvePermission &&
    message.type !== HostMessageType.DidResolveEdit &&
    message.type !== HostMessageType.DidUpdateEdit
  )
    return view;
  const pending = view.answering[message.requestId];
  if (pending === undefined) return view;
  const answering = without(view.answering, message.requestId);
  const declined =
    (message.type === HostMessageType.DidResolveEdit && message.status === 'rejected') ||
    (message.type === HostMessageType.DidResolvePermission && message.status === 'deny');
  const consumed =
    declined && pending.composerText !== undefined && view.composer[pending.chatId] === pending.composerText;
  return {
    ...view,
    answering,
    composer: consumed ? { ...view.composer, [pending.chatId]: '' } : view.composer,
  };
}

function reduceChatIn(view: PanelView, message: ChatMessage): PanelView {
  const chat = view.chats[message.chatId] ?? emptyChatSnapshot();
  const next = reduceChat(chat, message);
  const updated = next === chat ? view : { ...view, chats: { ...view.chats, [message.chatId]: next } };
  if (message.type === HostMessageType.DidLoadChat && updated.composer[message.chatId] === undefined) {
    // A fresh page has no text of its own for this chat: the host's copy of the draft is the latest.
    return { ...updated, composer: { ...updated.composer, [message.chatId]: message.chat.draft.text } };
  }
  // The message the conversation went back to is offered again, never over what the person typed.
  if (message.type === HostMessageType.DidRewindChat && !updated.composer[message.chatId]) {
    return { ...updated, composer: { ...updated.composer, [message.chatId]: message.prompt } };
  }
  return settleAnswer(updated, message);
}

/**
 * The webview's one reducer of the host → webview stream: panel messages here, chat messages
 * through `reduceChat` (the same function the host keeps its snapshots with). Pure; never throws.
 */
export function reducePanel(view: PanelView, message: HostToWebviewMessage): PanelView {
  switch (message.type) {
    case HostMessageType.DidChangeChats:
      return adoptChats(view, message);
    case HostMessageType.DidChangeState: {
      const { mode, model, models, trusted } = message;
      return { ...view, mode, model, models, trusted };
    }
    case HostMessageType.DidChangeMcpServers:
      return { ...view, mcpServers: message.servers };
    case HostMessageType.SendMessageReply:
      return settleSend(view, message);
    case HostMessageType.ChangeQueuedMessageReply:
      return settleQueueEdit(view, message);
    case HostMessageType.SearchChatsReply:
      // An answer to an older search (the person typed on) is moot.
      return view.chatSearch?.requestId === message.requestId
        ? { ...view, chatSearch: { ...view.chatSearch, matches: message.matches } }
        : view;
    case HostMessageType.DidFail:
      if (message.chatId === undefined) {
        const { code, message: text, action } = message;
        return { ...view, error: { code, message: text, ...(action === undefined ? {} : { action }) } };
      }
      return reduceChatIn(view, { ...message, chatId: message.chatId });
    default:
      return reduceChatIn(view, message);
  }
}
