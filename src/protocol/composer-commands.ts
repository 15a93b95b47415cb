import * as z from 'zod/mini';
import { attachmentSchema } from './attachment';
import { WebviewMessageType } from './message-type';

const chatId = z.string().check(z.minLength(1), z.maxLength(200));
const requestId = z.string().check(z.minLength(1), z.maxLength(200));
const messageText = z.string().check(z.minLength(1), z.maxLength(1_000_000));

/**
 * The person sent a message. `requestId` names it for good: it becomes the id of its row or queue
 * entry, so sending it again (after a reload, before the reply came) is harmless. The host answers
 * with `SendMessageReply`; the webview keeps the text in the composer until then.
 */
export const sendMessageRequestSchema = z.object({
  type: z.literal(WebviewMessageType.SendMessageRequest),
  requestId,
  chatId,
  text: messageText,
  attachments: z.array(attachmentSchema).check(z.maxLength(100)),
});
/** Webview → host: send a message in a chat (or queue it behind the running turn). */
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

/** The composer's text changed; the host keeps a copy so a reload or restart does not lose it. */
export const changeDraftCommandSchema = z.object({
  type: z.literal(WebviewMessageType.ChangeDraftCommand),
  chatId,
  text: z.string().check(z.maxLength(1_000_000)),
});
/** Webview → host: the draft text. */
export type ChangeDraftCommand = z.infer<typeof changeDraftCommandSchema>;

/** Ask the host for an attachment: a file picker or the current editor selection, added to the draft. */
export const attachCommandSchema = z.object({
  type: z.literal(WebviewMessageType.AttachCommand),
  chatId,
  kind: z.enum(['file', 'selection']),
});
/** Webview → host: attach a file or the selection to the draft. */
export type AttachCommand = z.infer<typeof attachCommandSchema>;

/** Remove one attachment from the draft. */
export const removeAttachmentCommandSchema = z.object({
  type: z.literal(WebviewMessageType.RemoveAttachmentCommand),
  chatId,
  attachment: attachmentSchema,
});
/** Webview → host: drop an attachment from the draft. */
export type RemoveAttachmentCommand = z.infer<typeof removeAttachmentCommandSchema>;

/** Edit or remove a queued message before it is sent. Reply: `ChangeQueuedMessageReply`. */
export const changeQueuedMessageRequestSchema = z.object({
  type: z.literal(WebviewMessageType.ChangeQueuedMessageRequest),
  requestId,
  chatId,
  messageId: requestId,
  action: z.enum(['edit', 'remove']),
  /** The new text, for `edit`. */
  text: z.optional(messageText),
});
/** Webview → host: change a queued message. */
export type ChangeQueuedMessageRequest = z.infer<typeof changeQueuedMessageRequestSchema>;

/** Send the queue that a stop, failure or restart held back, starting with its first message. */
export const sendQueuedCommandSchema = z.object({
  type: z.literal(WebviewMessageType.SendQueuedCommand),
  chatId,
});
/** Webview → host: release a held queue. */
export type SendQueuedCommand = z.infer<typeof sendQueuedCommandSchema>;
