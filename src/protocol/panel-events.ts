import * as z from 'zod/mini';
import { chatSummarySchema, modelOptionSchema, permissionModeSchema } from './chat-state';
import { HostMessageType } from './message-type';

/** The chat list, whole, and which chat is shown. `activeChatId` is null before the first chat. */
export const didChangeChatsSchema = z.object({
  type: z.literal(HostMessageType.DidChangeChats),
  chats: z.array(chatSummarySchema),
  activeChatId: z.nullable(z.string()),
});
/** Host → webview: the history list changed. */
export type DidChangeChats = z.infer<typeof didChangeChatsSchema>;

/** Panel-wide settings and status. */
export const didChangeStateSchema = z.object({
  type: z.literal(HostMessageType.DidChangeState),
  mode: permissionModeSchema,
  model: z.string(),
  models: z.array(modelOptionSchema),
  /** False in VS Code Restricted Mode: only read-only tools run. */
  trusted: z.boolean(),
});
/** Host → webview: mode, model or trust changed. */
export type DidChangeState = z.infer<typeof didChangeStateSchema>;
