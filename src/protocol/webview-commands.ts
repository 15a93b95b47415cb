import * as z from 'zod/mini';
import { permissionModeSchema } from './chat-state';
import { WebviewMessageType } from './message-type';
import { failActionSchema } from './wire-error';

const chatId = z.string().check(z.minLength(1), z.maxLength(200));
const requestId = z.string().check(z.minLength(1), z.maxLength(200));

/** The webview is mounted and listening; the host answers with chats, the active chat and state. */
export const readyCommandSchema = z.object({ type: z.literal(WebviewMessageType.ReadyCommand) });
/** Webview → host: ready to receive. */
export type ReadyCommand = z.infer<typeof readyCommandSchema>;

/** Stop the running turn of a chat. Queued messages stay queued (held), nothing is sent. */
export const stopCommandSchema = z.object({ type: z.literal(WebviewMessageType.StopCommand), chatId });
/** Webview → host: abort a chat's turn. */
export type StopCommand = z.infer<typeof stopCommandSchema>;

/** The person's answer to a permission prompt; `message` is fed back to the model on deny. */
export const answerPermissionCommandSchema = z.object({
  type: z.literal(WebviewMessageType.AnswerPermissionCommand),
  chatId,
  requestId,
  answer: z.enum(['allow-once', 'allow-always', 'deny']),
  message: z.optional(z.string().check(z.maxLength(10_000))),
});
/** Webview → host: answer a permission prompt. */
export type AnswerPermissionCommand = z.infer<typeof answerPermissionCommandSchema>;

/** The person's answer to an edit preview. `open-diff` leaves it pending and opens the diff editor. */
export const answerEditCommandSchema = z.object({
  type: z.literal(WebviewMessageType.AnswerEditCommand),
  chatId,
  requestId,
  answer: z.enum(['accept', 'reject', 'open-diff']),
  reason: z.optional(z.string().check(z.maxLength(10_000))),
});
/** Webview → host: accept, reject or open an edit. */
export type AnswerEditCommand = z.infer<typeof answerEditCommandSchema>;

/** Accept or reject every edit of a chat still waiting for review (the "Accept all" of a turn). */
export const answerAllEditsCommandSchema = z.object({
  type: z.literal(WebviewMessageType.AnswerAllEditsCommand),
  chatId,
  answer: z.enum(['accept', 'reject']),
});
/** Webview → host: answer every pending edit of a chat. */
export type AnswerAllEditsCommand = z.infer<typeof answerAllEditsCommandSchema>;

/** Show an edit's hunks in the editor, at the first one still waiting. */
export const reviewInEditorCommandSchema = z.object({
  type: z.literal(WebviewMessageType.ReviewInEditorCommand),
  chatId,
  requestId,
});
/** Webview → host: reveal an edit's inline review. */
export type ReviewInEditorCommand = z.infer<typeof reviewInEditorCommandSchema>;

/** Start an empty chat and show it. */
export const newChatCommandSchema = z.object({ type: z.literal(WebviewMessageType.NewChatCommand) });
/** Webview → host: new chat. */
export type NewChatCommand = z.infer<typeof newChatCommandSchema>;

/** Show a chat from the history; the host answers with `DidLoadChat` and `DidChangeChats`. */
export const openChatCommandSchema = z.object({
  type: z.literal(WebviewMessageType.OpenChatCommand),
  chatId,
});
/** Webview → host: open a chat. */
export type OpenChatCommand = z.infer<typeof openChatCommandSchema>;

/** Pick the model for the next turns. */
export const selectModelCommandSchema = z.object({
  type: z.literal(WebviewMessageType.SelectModelCommand),
  model: z.string().check(z.minLength(1), z.maxLength(200)),
});
/** Webview → host: select a model. */
export type SelectModelCommand = z.infer<typeof selectModelCommandSchema>;

/** Pick the permission mode. */
export const selectModeCommandSchema = z.object({
  type: z.literal(WebviewMessageType.SelectModeCommand),
  mode: permissionModeSchema,
});
/** Webview → host: select a permission mode. */
export type SelectModeCommand = z.infer<typeof selectModeCommandSchema>;

/** Open an http(s) link from model text in the browser; the host re-checks the scheme. */
export const openLinkCommandSchema = z.object({
  type: z.literal(WebviewMessageType.OpenLinkCommand),
  url: z.string().check(z.maxLength(8192), z.regex(/^https?:\/\//i)),
});
/** Webview → host: open a link externally. */
export type OpenLinkCommand = z.infer<typeof openLinkCommandSchema>;

/** Open a workspace file (from a tool card or an edit preview), optionally at a 0-based line. */
export const openFileCommandSchema = z.object({
  type: z.literal(WebviewMessageType.OpenFileCommand),
  path: z.string().check(z.minLength(1), z.maxLength(4096)),
  line: z.optional(z.int().check(z.nonnegative())),
});
/** Webview → host: open a file in the editor. */
export type OpenFileCommand = z.infer<typeof openFileCommandSchema>;

/** Run the follow-up action offered by an error (store an API key, open the settings). */
export const runActionCommandSchema = z.object({
  type: z.literal(WebviewMessageType.RunActionCommand),
  action: failActionSchema,
});
/** Webview → host: run an error's action. */
export type RunActionCommand = z.infer<typeof runActionCommandSchema>;
