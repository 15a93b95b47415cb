import type { ChatSnapshot } from './chat-snapshot';
import type { ConversationEntry } from './conversation-entry';
import { patchRow, settleOpenRows, upsertRow } from './conversation-rows';
import type { ChatMessage } from './host-to-webview-message';
import { HostMessageType } from './message-type';
import type { DidCompact, DidEndTool } from './conversation-events';
import type { DidResolveEdit } from './review-events';
import type { DidCutAnswer, DidRetry } from './turn-events';

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

/**
 * Takes streamed prose back: removes `text` from the end of the assistant rows it was appended to,
 * newest first, skipping the rows in between (tool cards, prompts); a row left empty goes. Stops
 * at the person's message, or where the rows do not end as expected.
 */
function takeBackText(entries: readonly ConversationEntry[], text: string): ConversationEntry[] {
  const next = entries.slice();
  let rest = text;
  for (let index = next.length - 1; index >= 0 && rest !== ''; index -= 1) {
    const entry = next[index];
    if (entry?.kind === 'user') break;
    if (entry?.kind !== 'assistant') continue;
    if (rest.endsWith(entry.text)) {
      rest = rest.slice(0, rest.length - entry.text.length);
      next.splice(index, 1);
    } else if (entry.text.endsWith(rest)) {
      next[index] = { ...entry, text: entry.text.slice(0, entry.text.length - rest.length) };
      rest = '';
    } else break;
  }
  return next;
}

/** The line left where a stream error cut an answer off, worded the same wherever it is rebuilt. */
export function cutNotice(cut: Pick<DidCutAnswer, 'keptToolCalls' | 'reason'>): string {
  if (cut.keptToolCalls === 0)
    return `The answer was cut off (${cut.reason}) before any tool call was complete; Tandem discarded it and asks again.`;
  const kept =
    cut.keptToolCalls === 1
      ? 'the completed tool call and goes on from its result'
      : `the ${cut.keptToolCalls} completed tool calls and goes on from their results`;
  return `The answer was cut off (${cut.reason}); Tandem kept ${kept}.`;
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

/** The divider with the summary; the meter drops to what the model now sees. */
function compacted(chat: ChatSnapshot, message: DidCompact): ChatSnapshot {
  const { trigger, summary, tokensBefore, tokensAfter } = message;
  const divided = withRow(chat, (id) => ({
    kind: 'compaction',
    id,
    trigger,
    summary,
    tokensBefore,
    tokensAfter,
  }));
  const context = chat.context && { ...chat.context, usedTokens: tokensAfter };
  return { ...divided, context };
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
    case HostMessageType.DidRewindChat:
      return message.chat;
    case HostMessageType.DidTakeCheckpoint: {
      const { entryId, checkpointId } = message;
      const entries = patchRow(chat.entries, { kind: 'user', id: entryId }, (entry) => ({
        ...entry,
        checkpointId,
      }));
      return { ...chat, entries };
    }
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
    case HostMessageType.DidCompact:
      return compacted(chat, message);
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
    case HostMessageType.DidCutAnswer: {
      const trimmed = { ...chat, entries: takeBackText(chat.entries, message.droppedText) };
      return withRow(trimmed, (id) => ({
        kind: 'notice',
        id,
        level: 'warning',
        message: cutNotice(message),
      }));
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
