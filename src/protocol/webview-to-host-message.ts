import { z } from 'zod';
import {
  answerEditCommandSchema,
  answerPermissionCommandSchema,
  attachRequestSchema,
  newChatCommandSchema,
  openChatCommandSchema,
  openFileCommandSchema,
  openLinkCommandSchema,
  readyCommandSchema,
  runActionCommandSchema,
  selectModeCommandSchema,
  selectModelCommandSchema,
  sendMessageCommandSchema,
  stopCommandSchema,
} from './webview-commands';

/**
 * Every message the webview posts to the host, discriminated on `type`. The host must
 * `safeParse` each one: the webview is a page, not a trusted caller.
 */
export const webviewToHostMessageSchema = z.discriminatedUnion('type', [
  readyCommandSchema,
  sendMessageCommandSchema,
  stopCommandSchema,
  answerPermissionCommandSchema,
  answerEditCommandSchema,
  newChatCommandSchema,
  openChatCommandSchema,
  selectModelCommandSchema,
  selectModeCommandSchema,
  openLinkCommandSchema,
  openFileCommandSchema,
  runActionCommandSchema,
  attachRequestSchema,
]);

/** A webview → host message. */
export type WebviewToHostMessage = z.infer<typeof webviewToHostMessageSchema>;
