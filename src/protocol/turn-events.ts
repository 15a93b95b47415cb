import { z } from 'zod';
import { failActionSchema, terminalReasonSchema, turnUsageSchema } from './conversation-entry';
import { HostMessageType } from './message-type';

const chatId = z.string().min(1);

/** The model call failed transiently and will be retried after `delayMs`. */
export const didRetrySchema = z.object({
  type: z.literal(HostMessageType.DidRetry),
  chatId,
  attempt: z.number().int().positive(),
  maxAttempts: z.number().int().positive().optional(),
  delayMs: z.number().nonnegative(),
  message: z.string(),
});
/** Host → webview: a retry is scheduled. */
export type DidRetry = z.infer<typeof didRetrySchema>;

/** A turn ended: the chat is idle again; the webview adds a token and cost line. */
export const didEndTurnSchema = z.object({
  type: z.literal(HostMessageType.DidEndTurn),
  chatId,
  usage: turnUsageSchema,
  costUsd: z.number().nonnegative().optional(),
  terminalReason: terminalReasonSchema,
});
/** Host → webview: a turn is over. */
export type DidEndTurn = z.infer<typeof didEndTurnSchema>;

/**
 * Something failed. Errors are data: `{ code, message }`, plus an optional action the person can
 * take. Without `chatId` it concerns the panel (no API key, no model).
 */
export const didFailSchema = z.object({
  type: z.literal(HostMessageType.DidFail),
  chatId: chatId.optional(),
  code: z.string(),
  message: z.string(),
  action: failActionSchema.optional(),
});
/** Host → webview: an error to show. */
export type DidFail = z.infer<typeof didFailSchema>;
