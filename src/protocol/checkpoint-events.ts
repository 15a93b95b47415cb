import * as z from 'zod/mini';
import { chatSnapshotSchema } from './chat-snapshot';
import { HostMessageType, WebviewMessageType } from './message-type';

const chatId = z.string().check(z.minLength(1), z.maxLength(200));
const entryId = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * The checkpoint taken before the person's message `entryId` ran: from now on that row offers
 * to restore files, conversation or both to just before it, or to fork a chat from there.
 */
export const didTakeCheckpointSchema = z.object({
  type: z.literal(HostMessageType.DidTakeCheckpoint),
  chatId,
  entryId,
  checkpointId: z.int().check(z.positive()),
});
/** Host → webview: a user row has a checkpoint. */
export type DidTakeCheckpoint = z.infer<typeof didTakeCheckpointSchema>;

/**
 * The chat's conversation was rewound: `chat` replaces it whole (the rows before the message it
 * went back to). `prompt` is that message, which the composer takes when the person has nothing
 * typed there.
 */
export const didRewindChatSchema = z.object({
  type: z.literal(HostMessageType.DidRewindChat),
  chatId,
  chat: chatSnapshotSchema,
  prompt: z.string(),
});
/** Host → webview: the chat as it is after a rewind. */
export type DidRewindChat = z.infer<typeof didRewindChatSchema>;

/** What a rewind from a user row does. */
export const rewindModeSchema = z.enum(['files', 'conversation', 'both', 'fork']);

/**
 * Go back to just before the person's message `entryId`: its files, its conversation, both, or
 * fork a new chat from there. The host shows what will change and asks before writing anything.
 */
export const rewindCommandSchema = z.object({
  type: z.literal(WebviewMessageType.RewindCommand),
  chatId,
  entryId,
  mode: rewindModeSchema,
});
/** Webview → host: rewind to before a message. */
export type RewindCommand = z.infer<typeof rewindCommandSchema>;
