import * as z from 'zod/mini';
import { chatDraftSchema, queueHoldSchema, queuedMessageSchema } from './chat-snapshot';
import { HostMessageType } from './message-type';
import { wireErrorSchema } from './wire-error';

const chatId = z.string().check(z.minLength(1));
const requestId = z.string().check(z.minLength(1));

/** The chat's queue of messages waiting for the turn to end, whole, and why it waits if idle. */
export const didChangeQueueSchema = z.object({
  type: z.literal(HostMessageType.DidChangeQueue),
  chatId,
  queue: z.array(queuedMessageSchema),
  hold: z.nullable(queueHoldSchema),
});
/** Host → webview: the queue changed. */
export type DidChangeQueue = z.infer<typeof didChangeQueueSchema>;

/** The host changed the composer draft: an attachment added from the editor, or cleared by a send. */
export const didChangeDraftSchema = z.object({
  type: z.literal(HostMessageType.DidChangeDraft),
  chatId,
  draft: chatDraftSchema,
});
/** Host → webview: the draft changed on the host's side. */
export type DidChangeDraft = z.infer<typeof didChangeDraftSchema>;

/**
 * The acknowledgement of a `SendMessageRequest`: the turn `started`, or the message was `queued`
 * behind the running turn; or it `failed` and `error` says why (the composer keeps the text).
 * Posted after the message's row or queue entry, so the text is never off screen.
 */
export const sendMessageReplySchema = z.object({
  type: z.literal(HostMessageType.SendMessageReply),
  requestId,
  chatId,
  disposition: z.enum(['started', 'queued', 'failed']),
  error: z.optional(wireErrorSchema),
});
/** Host → webview: what became of a sent message. */
export type SendMessageReply = z.infer<typeof sendMessageReplySchema>;

/** The answer to a `ChangeQueuedMessageRequest`; `error` when the message had already been sent. */
export const changeQueuedMessageReplySchema = z.object({
  type: z.literal(HostMessageType.ChangeQueuedMessageReply),
  requestId,
  chatId,
  error: z.optional(wireErrorSchema),
});
/** Host → webview: a queued message was changed, or could not be. */
export type ChangeQueuedMessageReply = z.infer<typeof changeQueuedMessageReplySchema>;
