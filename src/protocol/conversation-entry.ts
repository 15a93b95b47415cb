import * as z from 'zod/mini';
import { attachmentSchema } from './attachment';
import { failActionSchema } from './wire-error';

const count = z.number().check(z.nonnegative());

/** Token counts of one turn; absent counts are 0. Mirrors the core `Usage`. */
export const turnUsageSchema = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheCreationTokens: count,
});

/** Token counts of one turn. */
export type TurnUsage = z.infer<typeof turnUsageSchema>;

/** Why a turn ended; mirrors the core `TerminalReason`. */
export const terminalReasonSchema = z.enum([
  'completed',
  'aborted',
  'max_turns',
  'prompt_too_long',
  'model_error',
]);

/** Why a turn ended. */
export type TerminalReason = z.infer<typeof terminalReasonSchema>;

/** A tool card's life: running, then exactly one of done / error / cancelled. */
export const toolStatusSchema = z.enum(['running', 'done', 'error', 'cancelled']);

/** A tool card's status. */
export type ToolStatus = z.infer<typeof toolStatusSchema>;

/** How a permission prompt was answered; `pending` until then, `cancelled` if the turn ended first. */
export const permissionStatusSchema = z.enum(['pending', 'allow-once', 'allow-always', 'deny', 'cancelled']);

/** A permission prompt's status. */
export type PermissionStatus = z.infer<typeof permissionStatusSchema>;

/**
 * An edit proposal's status, as the host settled it: `written` to the file, `rejected` by the
 * person, `refused` by the host after an Accept (the write failed), `cancelled` because the turn
 * ended first. An edit can be answered in the editor too, not only in the panel.
 */
export const editStatusSchema = z.enum(['pending', 'written', 'rejected', 'refused', 'cancelled']);

/** An edit proposal's status. */
export type EditStatus = z.infer<typeof editStatusSchema>;

/**
 * Context the person did not type but sent with a message (the problem and code of "Fix with
 * Tandem"): the model gets it as a `<system-reminder>`, the panel shows it folded under the message.
 */
export const messageContextSchema = z.object({ title: z.string(), text: z.string() });

/** Context sent with a message. */
export type MessageContext = z.infer<typeof messageContextSchema>;

const userEntrySchema = z.object({
  kind: z.literal('user'),
  id: z.string(),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  /** The checkpoint taken before this message ran; the row offers rewinds once it is known. */
  checkpointId: z.optional(z.int().check(z.positive())),
  context: z.optional(z.array(messageContextSchema)),
});

/** Assistant prose as markdown; the webview renders it safely (never as raw HTML). */
const assistantEntrySchema = z.object({ kind: z.literal('assistant'), id: z.string(), text: z.string() });

/** A tool call. `id` is the tool_use id; `summary` is its key argument (a path, a command). */
const toolEntrySchema = z.object({
  kind: z.literal('tool'),
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  status: toolStatusSchema,
  durationMs: z.optional(count),
  /** The latest progress line while running. */
  progress: z.optional(z.string()),
  /** The head of the result; the host truncates it (a few KB at most). */
  resultPreview: z.optional(z.string()),
  isError: z.boolean(),
});

/** Errors, retries, interruptions and other one-line notes inside the conversation. */
const noticeEntrySchema = z.object({
  kind: z.literal('notice'),
  id: z.string(),
  level: z.enum(['error', 'warning', 'retry', 'info']),
  message: z.string(),
  code: z.optional(z.string()),
  action: z.optional(failActionSchema),
});

/** The token and cost line closing a turn. */
const usageEntrySchema = z.object({
  kind: z.literal('usage'),
  id: z.string(),
  usage: turnUsageSchema,
  costUsd: z.optional(count),
  terminalReason: terminalReasonSchema,
});

/** An inline permission prompt; `id` is the request id the answer must carry. */
const permissionEntrySchema = z.object({
  kind: z.literal('permission'),
  id: z.string(),
  toolName: z.string(),
  /** What will run, e.g. the command line or the path. */
  title: z.string(),
  /** Why it needs asking, e.g. "writes outside the workspace". */
  reason: z.string(),
  /** The rule "Allow always" would add, in Claude Code syntax: `Bash(npm test:*)`. */
  suggestedRule: z.optional(z.string()),
  /** A unified diff when the call is an edit. */
  diff: z.optional(z.string()),
  status: permissionStatusSchema,
});

/** An edit's hunks as reviewed in the editor: how many there are and how many were accepted or rejected there. */
export const editHunksSchema = z.object({ total: count, accepted: count, rejected: count });

/** An edit's hunk counts. */
export type EditHunks = z.infer<typeof editHunksSchema>;

/** An edit waiting for review; `id` is the request id the answer must carry. */
const editEntrySchema = z.object({
  kind: z.literal('edit'),
  id: z.string(),
  path: z.string(),
  /** Unified diff (`---`/`+++`/`@@` headers). */
  diff: z.string(),
  /** VS Code language id, for colouring. */
  language: z.string(),
  status: editStatusSchema,
  /** Why it was rejected or refused. */
  reason: z.optional(z.string()),
  /** How it was written, when that differs from the proposal ("merged with your unsaved changes"). */
  detail: z.optional(z.string()),
  /** While pending: why the last Accept could not be applied (the proposal stays open). */
  problem: z.optional(z.string()),
  /** Set when the edit is also shown in the editor: its hunks, and how many were decided there. */
  hunks: z.optional(editHunksSchema),
});

/**
 * What the editor reports after an accepted edit of a task started with "Fix with Tandem": the
 * problems it fixed, those still failing, and new ones, each as one line ("error 2322 (ts) at…").
 */
const diagnosticsEntrySchema = z.object({
  kind: z.literal('diagnostics'),
  id: z.string(),
  /** Workspace-relative path. */
  path: z.string(),
  fixed: z.array(z.string()),
  stillFailing: z.array(z.string()),
  newProblems: z.array(z.string()),
  /** false: the language server had not finished when Tandem stopped waiting. */
  settled: z.boolean(),
});

/** What started a compaction: the person's `/compact`, the context's threshold, or a "prompt too long" answer. */
export const compactTriggerSchema = z.enum(['manual', 'auto', 'reactive']);

/**
 * The divider where the conversation was compacted: from here on the model sees `summary` (with
 * the state re-attached to it) instead of the rows above, which stay for the person to read.
 * `tokensAfter` is unknown for a compaction rebuilt from an old transcript.
 */
const compactionEntrySchema = z.object({
  kind: z.literal('compaction'),
  id: z.string(),
  trigger: compactTriggerSchema,
  summary: z.string(),
  tokensBefore: count,
  tokensAfter: z.optional(count),
});

/**
 * One row of the conversation as the panel shows it. A chat is a flat list of these: prose,
 * tool cards, prompts and notices interleave in the order they happened.
 */
export const conversationEntrySchema = z.discriminatedUnion('kind', [
  userEntrySchema,
  assistantEntrySchema,
  toolEntrySchema,
  noticeEntrySchema,
  usageEntrySchema,
  permissionEntrySchema,
  editEntrySchema,
  compactionEntrySchema,
  diagnosticsEntrySchema,
]);

/** One renderable row of a conversation. */
export type ConversationEntry = z.infer<typeof conversationEntrySchema>;
/** The `kind` of a conversation row. */
export type ConversationEntryKind = ConversationEntry['kind'];
/** A row of a given kind. */
export type ConversationEntryOf<K extends ConversationEntryKind> = Extract<ConversationEntry, { kind: K }>;

// Kept here as well as in wire-error.ts: callers outside the panel import it from this module.
export { failActionSchema, type FailAction } from './wire-error';
