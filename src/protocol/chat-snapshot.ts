import * as z from 'zod/mini';
import { attachmentSchema } from './attachment';
import { conversationEntrySchema } from './conversation-entry';
import { todoItemSchema } from './todo-item';

const count = z.int().check(z.nonnegative());

/** A message the person sent while the chat was busy; the host sends it when the turn ends. */
export const queuedMessageSchema = z.object({
  /** The id the webview gave it; it becomes the user row's id once sent. */
  id: z.string().check(z.minLength(1)),
  text: z.string(),
  attachments: z.array(attachmentSchema),
});

/** A queued message. */
export type QueuedMessage = z.infer<typeof queuedMessageSchema>;

/**
 * Why queued messages wait although the chat is idle: the person stopped the turn (Stop sends
 * nothing), the turn failed, or the extension host restarted mid-turn.
 */
export const queueHoldSchema = z.enum(['stopped', 'failed', 'interrupted']);

/** Why the queue is held. */
export type QueueHold = z.infer<typeof queueHoldSchema>;

/** The composer's content as the host keeps it, so it survives a reload and works before the webview. */
export const chatDraftSchema = z.object({ text: z.string(), attachments: z.array(attachmentSchema) });

/** A chat's composer draft. */
export type ChatDraft = z.infer<typeof chatDraftSchema>;

/** How full the model's context window is after the latest model call, in tokens. */
export const contextUsageSchema = z.object({ usedTokens: count, windowTokens: count });

/** Context window use. */
export type ContextUsage = z.infer<typeof contextUsageSchema>;

/** A model call failed transiently (rate limit, overload) and is retried after `delayMs`. */
export const retryStateSchema = z.object({
  attempt: z.int().check(z.positive()),
  maxAttempts: z.optional(z.int().check(z.positive())),
  /** Milliseconds from when the message was sent until the retry. */
  delayMs: z.number().check(z.nonnegative()),
  message: z.string(),
});

/** A scheduled retry. */
export type RetryState = z.infer<typeof retryStateSchema>;

/**
 * Everything the panel shows of one chat. The host keeps it by reducing the messages it posts
 * (`reduceChat`), persists it, and sends it whole in `DidLoadChat`; the webview reduces the same
 * messages from that snapshot, so both hold the same rows with the same ids.
 */
export const chatSnapshotSchema = z.object({
  entries: z.array(conversationEntrySchema),
  todos: z.array(todoItemSchema),
  /** A turn is running. */
  busy: z.boolean(),
  queue: z.array(queuedMessageSchema),
  queueHold: z.nullable(queueHoldSchema),
  draft: chatDraftSchema,
  context: z.nullable(contextUsageSchema),
  retry: z.nullable(retryStateSchema),
  /** The next id for rows the reducer creates itself (streamed prose, notices, usage lines). */
  nextRow: count,
});

/** One chat as the panel shows it. */
export type ChatSnapshot = z.infer<typeof chatSnapshotSchema>;

/** A chat with nothing in it yet. */
export function emptyChatSnapshot(): ChatSnapshot {
  return {
    entries: [],
    todos: [],
    busy: false,
    queue: [],
    queueHold: null,
    draft: { text: '', attachments: [] },
    context: null,
    retry: null,
    nextRow: 0,
  };
}
