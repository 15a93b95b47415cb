import { z } from 'zod';
import { attachmentSchema } from '../../../src/protocol/attachment';
import { chatSummarySchema, modelOptionSchema, permissionModeSchema } from '../../../src/protocol/chat-state';
import { type ConversationEntry, conversationEntrySchema } from '../../../src/protocol/conversation-entry';
import { todoItemSchema } from '../../../src/protocol/todo-item';
import { type ChatState, type PanelState, initialPanelState } from './panel-state';

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

const persistedChatSchema = z.object({
  entries: z.array(conversationEntrySchema),
  todos: z.array(todoItemSchema),
  busy: z.boolean(),
  nextLocalId: z.number().int().nonnegative(),
});

const persistedStateSchema = z.object({
  version: z.literal(1),
  chats: z.record(z.string(), persistedChatSchema),
  chatList: z.array(chatSummarySchema),
  activeChatId: z.string().nullable(),
  mode: permissionModeSchema,
  model: z.string(),
  models: z.array(modelOptionSchema),
  trusted: z.boolean(),
  drafts: z.record(z.string(), z.array(attachmentSchema)),
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

function boundChat(chat: ChatState, limits: PersistLimits): ChatState {
  const entries = chat.entries
    .slice(-limits.maxEntries)
    .map((entry) => boundEntry(entry, limits.maxTextChars));
  return { ...chat, entries };
}

/** Bounded, JSON-safe snapshot of what the panel shows. Pending attach requests are not kept. */
export function toPersisted(state: PanelState, limits: PersistLimits = defaultPersistLimits): PersistedState {
  const keep: string[] = [];
  const consider = (id: string | null): void => {
    if (id !== null && state.chats[id] !== undefined && !keep.includes(id) && keep.length < limits.maxChats)
      keep.push(id);
  };
  consider(state.activeChatId);
  for (const [id, chat] of Object.entries(state.chats)) if (chat.busy) consider(id);
  for (const summary of [...state.chatList].sort((a, b) => b.updatedAt - a.updatedAt)) consider(summary.id);
  for (const id of Object.keys(state.chats)) consider(id);
  const chats: Record<string, ChatState> = {};
  for (const id of keep) {
    const chat = state.chats[id];
    if (chat !== undefined) chats[id] = boundChat(chat, limits);
  }
  const { chatList, activeChatId, mode, model, models, trusted, drafts } = state;
  return { version: 1, chats, chatList, activeChatId, mode, model, models, trusted, drafts };
}

/** Restores a snapshot; anything that does not validate yields the initial state (never throws). */
export function fromPersisted(value: unknown): PanelState {
  const parsed = persistedStateSchema.safeParse(value);
  if (!parsed.success) return initialPanelState();
  const { version: _version, ...rest } = parsed.data;
  return { ...initialPanelState(), ...rest };
}
