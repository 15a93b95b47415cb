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
  didCompactSchema,
  didEndToolSchema,
  didLoadChatSchema,
  didStartToolSchema,
  didStreamTextSchema,
  didUpdateToolSchema,
} from './conversation-events';
import { didChangeMcpServersSchema } from './mcp-server-events';
import { didRewindChatSchema, didTakeCheckpointSchema } from './checkpoint-events';
import { searchChatsReplySchema } from './history-messages';
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
  didCutAnswerSchema,
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
  didCompactSchema,
  didRequestPermissionSchema,
  didResolvePermissionSchema,
  didProposeEditSchema,
  didUpdateEditSchema,
  didResolveEditSchema,
  didReviewEditHunksSchema,
  didCheckDiagnosticsSchema,
  didStartTurnSchema,
  didRetrySchema,
  didCutAnswerSchema,
  didEndTurnSchema,
  didInterruptTurnSchema,
  didFailSchema,
  didChangeContextSchema,
  didTakeCheckpointSchema,
  didRewindChatSchema,
  didChangeQueueSchema,
  didChangeDraftSchema,
  sendMessageReplySchema,
  changeQueuedMessageReplySchema,
  didChangeChatsSchema,
  didChangeStateSchema,
  didChangeMcpServersSchema,
  searchChatsReplySchema,
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
      | typeof HostMessageType.DidChangeMcpServers
      | typeof HostMessageType.SendMessageReply
      | typeof HostMessageType.ChangeQueuedMessageReply
      | typeof HostMessageType.SearchChatsReply;
  }
> & { chatId: string };
