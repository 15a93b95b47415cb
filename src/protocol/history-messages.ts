import * as z from 'zod/mini';
import { HostMessageType, WebviewMessageType } from './message-type';

const chatId = z.string().check(z.minLength(1), z.maxLength(200));
const requestId = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * Search the history's conversations (titles the webview filters itself). The host answers with
 * one `SearchChatsReply`; a newer request makes an older one moot.
 */
export const searchChatsRequestSchema = z.object({
  type: z.literal(WebviewMessageType.SearchChatsRequest),
  requestId,
  query: z.string().check(z.minLength(1), z.maxLength(500)),
});
/** Webview → host: search the chats' conversations. */
export type SearchChatsRequest = z.infer<typeof searchChatsRequestSchema>;

/** One chat a search found; `snippet` is the text around a match in the conversation, null for a title match. */
export const chatMatchSchema = z.object({
  chatId,
  snippet: z.nullable(z.string().check(z.maxLength(1_000))),
});
/** A chat a search found. */
export type ChatMatch = z.infer<typeof chatMatchSchema>;

/** The chats whose title or conversation contains the query, most recent first. */
export const searchChatsReplySchema = z.object({
  type: z.literal(HostMessageType.SearchChatsReply),
  requestId,
  matches: z.array(chatMatchSchema),
});
/** Host → webview: what a search found. */
export type SearchChatsReply = z.infer<typeof searchChatsReplySchema>;

/** Name a chat; the host's `DidChangeChats` shows it (a name the person gives is never replaced). */
export const renameChatCommandSchema = z.object({
  type: z.literal(WebviewMessageType.RenameChatCommand),
  chatId,
  title: z.string().check(z.minLength(1), z.maxLength(200)),
});
/** Webview → host: rename a chat. */
export type RenameChatCommand = z.infer<typeof renameChatCommandSchema>;

/** Delete a chat; the host asks the person to confirm first. */
export const deleteChatCommandSchema = z.object({
  type: z.literal(WebviewMessageType.DeleteChatCommand),
  chatId,
});
/** Webview → host: delete a chat. */
export type DeleteChatCommand = z.infer<typeof deleteChatCommandSchema>;

/** Open a chat as a Markdown document in the editor. */
export const exportChatCommandSchema = z.object({
  type: z.literal(WebviewMessageType.ExportChatCommand),
  chatId,
});
/** Webview → host: export a chat as Markdown. */
export type ExportChatCommand = z.infer<typeof exportChatCommandSchema>;

/** Show the project's memory files (to open, edit or delete). */
export const showMemoryCommandSchema = z.object({ type: z.literal(WebviewMessageType.ShowMemoryCommand) });
/** Webview → host: show the memory. */
export type ShowMemoryCommand = z.infer<typeof showMemoryCommandSchema>;
