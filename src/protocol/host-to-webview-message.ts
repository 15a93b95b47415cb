import * as z from 'zod/mini';
import type { HostMessageType } from './message-type';
import {
  changeQueuedMessageReplySchema,
  didChangeDraftSchema,
  didChangeQueueSchema,
  sendMessageReplySchema,
} from './composer-events';
import {
  didAppendMessageSchema,
  didChangeTodosSchema,
  didEndToolSchema,
  didLoadChatSchema,
  didStartToolSchema,
  didStreamTextSchema,
  didUpdateToolSchema,
} from './conversation-events';
import { didChangeChatsSchema, didChangeStateSchema } from './panel-events';
import {
  didCheckDiagnosticsSchema,
  didProposeEditSchema,
  didRequestPermissionSchema,
  didResolveEditSchema,
  didResolvePermissionSchema,
  didReviewEditHunksSchema,
  didUpdateEditSchema,
} from './review-events';
import {
  didChangeContextSchema,
  didEndTurnSchema,
  didFailSchema,
  didInterruptTurnSchema,
  didRetrySchema,
  didStartTurnSchema,
} from './turn-events';

/**
 * Every message the host posts to the webview, discriminated on `type`. The webview validates
 * what it receives with `safeParse` and drops what does not match.
 */
export const hostToWebviewMessageSchema = z.discriminatedUnion('type', [
  didLoadChatSchema,
  didAppendMessageSchema,
  didStreamTextSchema,
  didStartToolSchema,
  didUpdateToolSchema,
  didEndToolSchema,
  didChangeTodosSchema,
  didRequestPermissionSchema,
  didResolvePermissionSchema,
  didProposeEditSchema,
  didUpdateEditSchema,
  didResolveEditSchema,
  didReviewEditHunksSchema,
  didCheckDiagnosticsSchema,
  didStartTurnSchema,
  didRetrySchema,
  didEndTurnSchema,
  didInterruptTurnSchema,
  didFailSchema,
  didChangeContextSchema,
  didChangeQueueSchema,
  didChangeDraftSchema,
  sendMessageReplySchema,
  changeQueuedMessageReplySchema,
  didChangeChatsSchema,
  didChangeStateSchema,
]);

/** A host → webview message. */
export type HostToWebviewMessage = z.infer<typeof hostToWebviewMessageSchema>;

/** A message about one chat: what `reduceChat` folds into that chat's snapshot. */
export type ChatMessage = Exclude<
  HostToWebviewMessage,
  {
    type:
      | typeof HostMessageType.DidChangeChats
      | typeof HostMessageType.DidChangeState
      | typeof HostMessageType.SendMessageReply
      | typeof HostMessageType.ChangeQueuedMessageReply;
  }
> & { chatId: string };
