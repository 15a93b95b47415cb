import * as z from 'zod/mini';
import { attachmentSchema } from '../../../src/protocol/attachment';
import { type ChatSnapshot, chatSnapshotSchema } from '../../../src/protocol/chat-snapshot';
import { chatSummarySchema, modelOptionSchema, permissionModeSchema } from '../../../src/protocol/chat-state';
import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import { type PanelView, initialPanelView } from '../../../src/protocol/panel-view';

/** How much survives a hide/show or reload. The host re-sends `DidLoadChat` anyway; this avoids a blank flash. */
export interface PersistLimits {
  /** Rows kept per chat (the newest). */
  maxEntries: number;
  /** Chats kept: the active one, busy ones, then the most recent. */
  maxChats: number;
  /** Characters kept per text field (the tail of long prose, the head of results). */
  maxTextChars: number;
}

/** Defaults sized to stay well under a megabyte of JSON for typical chats. */
export const defaultPersistLimits: PersistLimits = { maxEntries: 200, maxChats: 8, maxTextChars: 20_000 };

const persistedStateSchema = z.object({
  version: z.literal(2),
  chats: z.record(z.string(), chatSnapshotSchema),
  chatList: z.array(chatSummarySchema),
  activeChatId: z.nullable(z.string()),
  mode: permissionModeSchema,
  model: z.string(),
  models: z.array(modelOptionSchema),
  trusted: z.boolean(),
  outbox: z.array(
    z.object({
      requestId: z.string(),
      chatId: z.nullable(z.string()),
      text: z.string(),
      attachments: z.array(attachmentSchema),
    }),
  ),
  composer: z.record(z.string(), z.string()),
});

/** The JSON written with `vscode.setState`. */
export type PersistedState = z.infer<typeof persistedStateSchema>;

function clip(text: string, max: number, keep: 'head' | 'tail'): string {
  if (text.length <= max) return text;
  return keep === 'tail' ? `…${text.slice(text.length - max)}` : `${text.slice(0, max)}…`;
}

function boundEntry(entry: ConversationEntry, max: number): ConversationEntry {
  switch (entry.kind) {
    case 'assistant':
    case 'user':
      return entry.text.length <= max ? entry : { ...entry, text: clip(entry.text, max, 'tail') };
    case 'tool':
      return entry.resultPreview === undefined || entry.resultPreview.length <= max
        ? entry
        : { ...entry, resultPreview: clip(entry.resultPreview, max, 'head') };
    case 'edit':
      return entry.diff.length <= max ? entry : { ...entry, diff: clip(entry.diff, max, 'head') };
    default:
      return entry;
  }
}

function boundChat(chat: ChatSnapshot, limits: PersistLimits): ChatSnapshot {
  const entries = chat.entries
    .slice(-limits.maxEntries)
    .map((entry) => boundEntry(entry, limits.maxTextChars));
  return { ...chat, entries };
}

/**
 * Bounded, JSON-safe snapshot of what the panel shows, with what the person typed and sent but the
 * host has not confirmed (the outbox is delivered again after a reload). Answers in flight are not
 * kept: a reloaded page asks the host again.
 */
export function toPersisted(view: PanelView, limits: PersistLimits = defaultPersistLimits): PersistedState {
  const keep: string[] = [];
  const consider = (id: string | null): void => {
    if (id !== null && view.chats[id] !== undefined && !keep.includes(id) && keep.length < limits.maxChats)
      keep.push(id);
  };
  consider(view.activeChatId);
  for (const [id, chat] of Object.entries(view.chats)) if (chat.busy) consider(id);
  for (const summary of [...view.chatList].sort((a, b) => b.updatedAt - a.updatedAt)) consider(summary.id);
  for (const id of Object.keys(view.chats)) consider(id);
  const chats: Record<string, ChatSnapshot> = {};
  for (const id of keep) {
    const chat = view.chats[id];
    if (chat !== undefined) chats[id] = boundChat(chat, limits);
  }
  const { chatList, activeChatId, mode, model, models, trusted, outbox, composer } = view;
  return { version: 2, chats, chatList, activeChatId, mode, model, models, trusted, outbox, composer };
}

/** Restores a snapshot, not yet connected; anything that does not validate yields the initial view. */
export function fromPersisted(value: unknown): PanelView {
  const parsed = persistedStateSchema.safeParse(value);
  if (!parsed.success) return initialPanelView();
  const { version: _version, ...rest } = parsed.data;
  return { ...initialPanelView(), ...rest };
}
