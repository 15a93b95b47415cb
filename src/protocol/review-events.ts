import * as z from 'zod/mini';
import { editHunksSchema } from './conversation-entry';
import { HostMessageType } from './message-type';

const chatId = z.string().check(z.minLength(1));
const requestId = z.string().check(z.minLength(1));

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
  suggestedRule: z.optional(z.string()),
  /** A unified diff when the call edits a file. */
  diff: z.optional(z.string()),
});
/** Host → webview: ask the person to allow a tool call. */
export type DidRequestPermission = z.infer<typeof didRequestPermissionSchema>;

/** A prompt was answered (here, or elsewhere) or cancelled because the turn ended. */
export const didResolvePermissionSchema = z.object({
  type: z.literal(HostMessageType.DidResolvePermission),
  chatId,
  requestId,
  status: z.enum(['allow-once', 'allow-always', 'deny', 'cancelled']),
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

/**
 * An Accept could not be applied and the proposal stays open for another look: the person's own
 * changes to the file overlap it. `problem` says so, in words for the person.
 */
export const didUpdateEditSchema = z.object({
  type: z.literal(HostMessageType.DidUpdateEdit),
  chatId,
  requestId,
  problem: z.string(),
});
/** Host → webview: an edit is still pending, with the reason the last Accept did not apply. */
export type DidUpdateEdit = z.infer<typeof didUpdateEditSchema>;

/**
 * What became of an edit, from the host's outcome: written (`detail` when it was merged or the
 * person's version), rejected by the person, refused by the host (`reason`), or cancelled.
 */
export const didResolveEditSchema = z.object({
  type: z.literal(HostMessageType.DidResolveEdit),
  chatId,
  requestId,
  status: z.enum(['written', 'rejected', 'refused', 'cancelled']),
  reason: z.optional(z.string()),
  detail: z.optional(z.string()),
});
/** Host → webview: an edit preview is settled. */
export type DidResolveEdit = z.infer<typeof didResolveEditSchema>;

/** The person decided hunks of an edit in the editor (sent once when it is shown there, then after each decision). */
export const didReviewEditHunksSchema = z.object({
  type: z.literal(HostMessageType.DidReviewEditHunks),
  chatId,
  requestId,
  hunks: editHunksSchema,
});
/** Host → webview: an edit's hunk counts in the editor review. */
export type DidReviewEditHunks = z.infer<typeof didReviewEditHunksSchema>;

/** The editor's problems after an accepted edit of a "Fix with Tandem" task; a row of its own. */
export const didCheckDiagnosticsSchema = z.object({
  type: z.literal(HostMessageType.DidCheckDiagnostics),
  chatId,
  path: z.string(),
  fixed: z.array(z.string()),
  stillFailing: z.array(z.string()),
  newProblems: z.array(z.string()),
  settled: z.boolean(),
});
/** Host → webview: fixed / still failing / new problems after an edit. */
export type DidCheckDiagnostics = z.infer<typeof didCheckDiagnosticsSchema>;
