import * as z from 'zod/mini';
import { terminalReasonSchema, turnUsageSchema } from './conversation-entry';
import { HostMessageType } from './message-type';
import { failActionSchema } from './wire-error';

const chatId = z.string().check(z.minLength(1));

/** A turn started: the chat is busy until `DidEndTurn` or `DidInterruptTurn`. */
export const didStartTurnSchema = z.object({ type: z.literal(HostMessageType.DidStartTurn), chatId });
/** Host → webview: a turn is running. */
export type DidStartTurn = z.infer<typeof didStartTurnSchema>;

/** The model call failed transiently and will be retried after `delayMs`. */
export const didRetrySchema = z.object({
  type: z.literal(HostMessageType.DidRetry),
  chatId,
  attempt: z.int().check(z.positive()),
  maxAttempts: z.optional(z.int().check(z.positive())),
  delayMs: z.number().check(z.nonnegative()),
  message: z.string(),
});
/** Host → webview: a retry is scheduled. */
export type DidRetry = z.infer<typeof didRetrySchema>;

/** A turn ended: the chat is idle again; the webview adds a token and cost line. */
export const didEndTurnSchema = z.object({
  type: z.literal(HostMessageType.DidEndTurn),
  chatId,
  usage: turnUsageSchema,
  costUsd: z.optional(z.number().check(z.nonnegative())),
  terminalReason: terminalReasonSchema,
});
/** Host → webview: a turn is over. */
export type DidEndTurn = z.infer<typeof didEndTurnSchema>;

/**
 * A turn was cut off from outside: the extension host stopped while it ran. What was asked can no
 * longer be answered; `message` says what had been done, for the person.
 */
export const didInterruptTurnSchema = z.object({
  type: z.literal(HostMessageType.DidInterruptTurn),
  chatId,
  message: z.string(),
});
/** Host → webview: the turn that was running is over without an ending. */
export type DidInterruptTurn = z.infer<typeof didInterruptTurnSchema>;

/**
 * Something failed. Errors are data: `{ code, message }`, plus an optional action the person can
 * take. Without `chatId` it concerns the panel (no API key, no model).
 */
export const didFailSchema = z.object({
  type: z.literal(HostMessageType.DidFail),
  chatId: z.optional(chatId),
  code: z.string(),
  message: z.string(),
  action: z.optional(failActionSchema),
});
/** Host → webview: an error to show. */
export type DidFail = z.infer<typeof didFailSchema>;

/** How much of the model's context window the conversation fills, after the latest call. */
export const didChangeContextSchema = z.object({
  type: z.literal(HostMessageType.DidChangeContext),
  chatId,
  usedTokens: z.int().check(z.nonnegative()),
  windowTokens: z.int().check(z.nonnegative()),
});
/** Host → webview: the context meter changed. */
export type DidChangeContext = z.infer<typeof didChangeContextSchema>;
