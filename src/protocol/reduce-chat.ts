import type { ChatSnapshot } from './chat-snapshot';
import type { ConversationEntry } from './conversation-entry';
import { patchRow, settleOpenRows, upsertRow } from './conversation-rows';
import type { ChatMessage } from './host-to-webview-message';
import { HostMessageType } from './message-type';
import type { DidEndTool } from './conversation-events';
import type { DidResolveEdit } from './review-events';
import type { DidRetry } from './turn-events';

/** Appends a row the reducer creates itself; its id comes from the snapshot's counter, so it is the same on both sides. */
function withRow(chat: ChatSnapshot, make: (id: string) => ConversationEntry): ChatSnapshot {
  return { ...chat, nextRow: chat.nextRow + 1, entries: [...chat.entries, make(`row-${chat.nextRow}`)] };
}

/** Text deltas grow the last assistant row; after any other row they start a new one. */
function appendText(chat: ChatSnapshot, text: string): ChatSnapshot {
  const last = chat.entries.at(-1);
  if (last?.kind !== 'assistant') return withRow(chat, (id) => ({ kind: 'assistant', id, text }));
  const entries = chat.entries.slice();
  entries[entries.length - 1] = { ...last, text: last.text + text };
  return { ...chat, entries };
}

/** The retry line kept in the conversation, worded the same wherever it is rebuilt. */
export function retryNotice(message: DidRetry): string {
  const seconds = Math.round(message.delayMs / 100) / 10;
  const of = message.maxAttempts === undefined ? '' : ` of ${message.maxAttempts}`;
  return `${message.message} — retrying in ${seconds}s (attempt ${message.attempt}${of})`;
}

function endTool(chat: ChatSnapshot, message: DidEndTool): ChatSnapshot {
  const final = {
    status: message.status,
    durationMs: message.durationMs,
    resultPreview: message.resultPreview,
    isError: message.isError,
  };
  const entries = patchRow(
    chat.entries,
    { kind: 'tool', id: message.toolUseId },
    ({ progress: _progress, ...entry }) => ({
      ...entry,
      ...final,
      summary: message.summary ?? entry.summary,
    }),
    () => ({
      kind: 'tool',
      id: message.toolUseId,
      name: message.name,
      summary: message.summary ?? '',
      ...final,
    }),
  );
  return { ...chat, entries };
}

function resolveEdit(chat: ChatSnapshot, message: DidResolveEdit): ChatSnapshot {
  const entries = patchRow(chat.entries, { kind: 'edit', id: message.requestId }, (entry) => {
    const { problem: _problem, reason: _reason, detail: _detail, ...rest } = entry;
    return {
      ...rest,
      status: message.status,
      ...(message.reason === undefined ? {} : { reason: message.reason }),
      ...(message.detail === undefined ? {} : { detail: message.detail }),
    };
  });
  return { ...chat, entries };
}

/** Messages that settle the turn's open questions and end it. */
function endTurn(chat: ChatSnapshot): ChatSnapshot {
  return { ...chat, busy: false, retry: null, entries: settleOpenRows(chat.entries) };
}

/**
 * THE reducer of one chat: a pure function of the chat as shown and one message about it. The host
 * folds what it posts into the snapshot it persists and replays; the webview folds what it
 * receives into what it renders; starting from the same `DidLoadChat`, both hold the same rows
 * with the same ids. Never throws; ids it does not know create rows (tool ends) or are ignored.
 */
export function reduceChat(chat: ChatSnapshot, message: ChatMessage): ChatSnapshot {
  switch (message.type) {
    case HostMessageType.DidLoadChat:
      return message.chat;
    case HostMessageType.DidAppendMessage:
      return { ...chat, entries: upsertRow(chat.entries, message.entry) };
    case HostMessageType.DidStreamText:
      return { ...appendText(chat, message.text), retry: null };
    case HostMessageType.DidStartTool: {
      const { toolUseId: id, name, summary } = message;
      const entry: ConversationEntry = { kind: 'tool', id, name, summary, status: 'running', isError: false };
      return { ...chat, retry: null, entries: upsertRow(chat.entries, entry) };
    }
    case HostMessageType.DidUpdateTool: {
      const target = { kind: 'tool' as const, id: message.toolUseId };
      return {
        ...chat,
        entries: patchRow(chat.entries, target, (entry) => ({ ...entry, progress: message.progress })),
      };
    }
    case HostMessageType.DidEndTool:
      return endTool(chat, message);
    case HostMessageType.DidChangeTodos:
      return { ...chat, todos: message.todos };
    case HostMessageType.DidRequestPermission: {
      const { type: _type, chatId: _chatId, requestId, ...fields } = message;
      return {
        ...chat,
        entries: upsertRow(chat.entries, { kind: 'permission', id: requestId, ...fields, status: 'pending' }),
      };
    }
    case HostMessageType.DidResolvePermission: {
      const target = { kind: 'permission' as const, id: message.requestId };
      return {
        ...chat,
        entries: patchRow(chat.entries, target, (entry) => ({ ...entry, status: message.status })),
      };
    }
    case HostMessageType.DidProposeEdit: {
      const { type: _type, chatId: _chatId, requestId, ...fields } = message;
      return {
        ...chat,
        entries: upsertRow(chat.entries, { kind: 'edit', id: requestId, ...fields, status: 'pending' }),
      };
    }
    case HostMessageType.DidUpdateEdit: {
      const target = { kind: 'edit' as const, id: message.requestId };
      return {
        ...chat,
        entries: patchRow(chat.entries, target, (entry) => ({ ...entry, problem: message.problem })),
      };
    }
    case HostMessageType.DidResolveEdit:
      return resolveEdit(chat, message);
    case HostMessageType.DidReviewEditHunks: {
      const target = { kind: 'edit' as const, id: message.requestId };
      return {
        ...chat,
        entries: patchRow(chat.entries, target, (entry) => ({ ...entry, hunks: message.hunks })),
      };
    }
    case HostMessageType.DidCheckDiagnostics: {
      const { path, fixed, stillFailing, newProblems, settled } = message;
      return withRow(chat, (id) => ({
        kind: 'diagnostics',
        id,
        path,
        fixed,
        stillFailing,
        newProblems,
        settled,
      }));
    }
    case HostMessageType.DidStartTurn:
      return { ...chat, busy: true, retry: null, queueHold: null };
    case HostMessageType.DidRetry: {
      const { attempt, maxAttempts, delayMs, message: text } = message;
      const retry = {
        attempt,
        delayMs,
        message: text,
        ...(maxAttempts === undefined ? {} : { maxAttempts }),
      };
      const noticed = withRow(chat, (id) => ({
        kind: 'notice',
        id,
        level: 'retry',
        message: retryNotice(message),
      }));
      return { ...noticed, retry };
    }
    case HostMessageType.DidEndTurn: {
      const { usage, costUsd, terminalReason } = message;
      const ended = withRow(chat, (id) => ({
        kind: 'usage',
        id,
        usage,
        terminalReason,
        ...(costUsd === undefined ? {} : { costUsd }),
      }));
      return endTurn(ended);
    }
    case HostMessageType.DidInterruptTurn:
      return endTurn(
        withRow(chat, (id) => ({ kind: 'notice', id, level: 'warning', message: message.message })),
      );
    case HostMessageType.DidFail: {
      const { code, message: text, action } = message;
      const failed = withRow(chat, (id) => ({
        kind: 'notice',
        id,
        level: 'error',
        code,
        message: text,
        ...(action === undefined ? {} : { action }),
      }));
      return { ...failed, retry: null };
    }
    case HostMessageType.DidChangeContext:
      return { ...chat, context: { usedTokens: message.usedTokens, windowTokens: message.windowTokens } };
    case HostMessageType.DidChangeQueue:
      return { ...chat, queue: message.queue, queueHold: message.hold };
    case HostMessageType.DidChangeDraft:
      return { ...chat, draft: message.draft };
    default:
      return exhaustive(message, chat);
  }
}

/** Makes the switch exhaustive: a message type that is not handled fails the typecheck. */
function exhaustive(_message: never, chat: ChatSnapshot): ChatSnapshot {
  return chat;
}
