import { z } from 'zod';
import { attachmentSchema } from './attachment';
import { chatSummarySchema, modelOptionSchema, permissionModeSchema } from './chat-state';
import { HostMessageType } from './message-type';

/** The chat list, whole, and which chat is shown. `activeChatId` is null before the first chat. */
export const didChangeChatsSchema = z.object({
  type: z.literal(HostMessageType.DidChangeChats),
  chats: z.array(chatSummarySchema),
  activeChatId: z.string().nullable(),
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
  /** True while the active chat runs a turn. */
  busy: z.boolean(),
});
/** Host → webview: mode, model, trust or busy changed. */
export type DidChangeState = z.infer<typeof didChangeStateSchema>;

/** The reply to an `AttachRequest`; `attachment` is null when the person cancelled or none exists. */
export const attachReplySchema = z.object({
  type: z.literal(HostMessageType.AttachReply),
  requestId: z.string().min(1),
  attachment: attachmentSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
/** Host → webview: the answer to an attach request. */
export type AttachReply = z.infer<typeof attachReplySchema>;
