import * as z from 'zod/mini';
import { chatSnapshotSchema } from './chat-snapshot';
import { conversationEntrySchema } from './conversation-entry';
import { HostMessageType } from './message-type';
import { todoItemSchema } from './todo-item';

const chatId = z.string().check(z.minLength(1));
const toolUseId = z.string().check(z.minLength(1));

/**
 * The whole of one chat as the host holds it. Sent when a chat is opened or the webview (re)loads;
 * everything after that arrives as events. Replaces the webview's copy of that chat.
 */
export const didLoadChatSchema = z.object({
  type: z.literal(HostMessageType.DidLoadChat),
  chatId,
  chat: chatSnapshotSchema,
});
/** Host → webview: one chat, whole. */
export type DidLoadChat = z.infer<typeof didLoadChatSchema>;

/**
 * One new row (the person's message, a notice…). An entry whose id already exists replaces it,
 * so resending is harmless.
 */
export const didAppendMessageSchema = z.object({
  type: z.literal(HostMessageType.DidAppendMessage),
  chatId,
  entry: conversationEntrySchema,
});
/** Host → webview: append (or replace by id) one conversation row. */
export type DidAppendMessage = z.infer<typeof didAppendMessageSchema>;

/** A text delta: appended to the last assistant row, or starts one if the last row is not prose. */
export const didStreamTextSchema = z.object({
  type: z.literal(HostMessageType.DidStreamText),
  chatId,
  text: z.string(),
});
/** Host → webview: streamed assistant text (a delta, never the whole text). */
export type DidStreamText = z.infer<typeof didStreamTextSchema>;

/** A tool call started; creates a running card keyed by `toolUseId`. */
export const didStartToolSchema = z.object({
  type: z.literal(HostMessageType.DidStartTool),
  chatId,
  toolUseId,
  name: z.string(),
  /** The key argument: a path, a command, a pattern. */
  summary: z.string(),
});
/** Host → webview: a tool card appears, running. */
export type DidStartTool = z.infer<typeof didStartToolSchema>;

/** Progress of a running tool; replaces the card's progress line. */
export const didUpdateToolSchema = z.object({
  type: z.literal(HostMessageType.DidUpdateTool),
  chatId,
  toolUseId,
  progress: z.string(),
});
/** Host → webview: a running tool's latest progress line. */
export type DidUpdateTool = z.infer<typeof didUpdateToolSchema>;

/** A tool call finished. Unknown ids create the card (a late webview still shows the result). */
export const didEndToolSchema = z.object({
  type: z.literal(HostMessageType.DidEndTool),
  chatId,
  toolUseId,
  name: z.string(),
  summary: z.optional(z.string()),
  status: z.enum(['done', 'error', 'cancelled']),
  durationMs: z.number().check(z.nonnegative()),
  /** The head of the result, truncated by the host. */
  resultPreview: z.string(),
  isError: z.boolean(),
});
/** Host → webview: a tool card's final state. */
export type DidEndTool = z.infer<typeof didEndToolSchema>;

/** The chat's todo list, whole (TodoWrite replaces it whole). */
export const didChangeTodosSchema = z.object({
  type: z.literal(HostMessageType.DidChangeTodos),
  chatId,
  todos: z.array(todoItemSchema),
});
/** Host → webview: the todo list changed. */
export type DidChangeTodos = z.infer<typeof didChangeTodosSchema>;
