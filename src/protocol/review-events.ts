import { z } from 'zod';
import { editStatusSchema, permissionStatusSchema } from './conversation-entry';
import { HostMessageType } from './message-type';

const chatId = z.string().min(1);
const requestId = z.string().min(1);

/** The loop needs the person's permission; the webview shows an inline prompt until answered. */
export const didRequestPermissionSchema = z.object({
  type: z.literal(HostMessageType.DidRequestPermission),
  chatId,
  requestId,
  toolName: z.string(),
  /** What will run: the command line, the path. */
  title: z.string(),
  /** Why it needs asking. */
  reason: z.string(),
  /** The rule "Allow always" adds, in Claude Code syntax. */
  suggestedRule: z.string().optional(),
  /** A unified diff when the call edits a file. */
  diff: z.string().optional(),
});
/** Host → webview: ask the person to allow a tool call. */
export type DidRequestPermission = z.infer<typeof didRequestPermissionSchema>;

/** A prompt was answered (here, or elsewhere) or cancelled because the turn ended. */
export const didResolvePermissionSchema = z.object({
  type: z.literal(HostMessageType.DidResolvePermission),
  chatId,
  requestId,
  status: permissionStatusSchema.exclude(['pending']),
});
/** Host → webview: a permission prompt is settled. */
export type DidResolvePermission = z.infer<typeof didResolvePermissionSchema>;

/** An edit waits for review: nothing is written until it is accepted. */
export const didProposeEditSchema = z.object({
  type: z.literal(HostMessageType.DidProposeEdit),
  chatId,
  requestId,
  /** Workspace-relative path. */
  path: z.string(),
  /** Unified diff. */
  diff: z.string(),
  /** VS Code language id. */
  language: z.string(),
});
/** Host → webview: show an edit preview with Accept / Reject / Open diff. */
export type DidProposeEdit = z.infer<typeof didProposeEditSchema>;

/** An edit was accepted or rejected (in the panel or in the editor), or cancelled. */
export const didResolveEditSchema = z.object({
  type: z.literal(HostMessageType.DidResolveEdit),
  chatId,
  requestId,
  status: editStatusSchema.exclude(['pending']),
  reason: z.string().optional(),
});
/** Host → webview: an edit preview is settled. */
export type DidResolveEdit = z.infer<typeof didResolveEditSchema>;
