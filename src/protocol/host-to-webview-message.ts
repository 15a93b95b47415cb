import { z } from 'zod';
import {
  didAppendMessageSchema,
  didChangeTodosSchema,
  didEndToolSchema,
  didLoadChatSchema,
  didStartToolSchema,
  didStreamTextSchema,
  didUpdateToolSchema,
} from './conversation-events';
import { attachReplySchema, didChangeChatsSchema, didChangeStateSchema } from './panel-events';
import {
  didProposeEditSchema,
  didRequestPermissionSchema,
  didResolveEditSchema,
  didResolvePermissionSchema,
} from './review-events';
import { didEndTurnSchema, didFailSchema, didRetrySchema } from './turn-events';

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
  didResolveEditSchema,
  didRetrySchema,
  didEndTurnSchema,
  didFailSchema,
  didChangeChatsSchema,
  didChangeStateSchema,
  attachReplySchema,
]);

/** A host → webview message. */
export type HostToWebviewMessage = z.infer<typeof hostToWebviewMessageSchema>;
