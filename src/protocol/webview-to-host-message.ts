import * as z from 'zod/mini';
import {
  attachCommandSchema,
  changeDraftCommandSchema,
  changeQueuedMessageRequestSchema,
  removeAttachmentCommandSchema,
  sendMessageRequestSchema,
  sendQueuedCommandSchema,
} from './composer-commands';
import { mcpServerCommandSchema } from './mcp-server-events';
import { rewindCommandSchema } from './checkpoint-events';
import {
  deleteChatCommandSchema,
  exportChatCommandSchema,
  renameChatCommandSchema,
  searchChatsRequestSchema,
  showMemoryCommandSchema,
} from './history-messages';
import {
  answerAllEditsCommandSchema,
  answerEditCommandSchema,
  answerPermissionCommandSchema,
  newChatCommandSchema,
  openChatCommandSchema,
  openFileCommandSchema,
  openLinkCommandSchema,
  readyCommandSchema,
  reviewInEditorCommandSchema,
  runActionCommandSchema,
  selectModeCommandSchema,
  selectModelCommandSchema,
  stopCommandSchema,
} from './webview-commands';

/**
 * Every message the webview posts to the host, discriminated on `type`. The host must
 * `safeParse` each one: the webview is a page, not a trusted caller.
 */
export const webviewToHostMessageSchema = z.discriminatedUnion('type', [
  readyCommandSchema,
  sendMessageRequestSchema,
  stopCommandSchema,
  answerPermissionCommandSchema,
  answerEditCommandSchema,
  answerAllEditsCommandSchema,
  reviewInEditorCommandSchema,
  changeDraftCommandSchema,
  attachCommandSchema,
  removeAttachmentCommandSchema,
  changeQueuedMessageRequestSchema,
  sendQueuedCommandSchema,
  newChatCommandSchema,
  openChatCommandSchema,
  selectModelCommandSchema,
  selectModeCommandSchema,
  openLinkCommandSchema,
  openFileCommandSchema,
  runActionCommandSchema,
  mcpServerCommandSchema,
  rewindCommandSchema,
  searchChatsRequestSchema,
  renameChatCommandSchema,
  deleteChatCommandSchema,
  exportChatCommandSchema,
  showMemoryCommandSchema,
]);

/** A webview → host message. */
export type WebviewToHostMessage = z.infer<typeof webviewToHostMessageSchema>;
