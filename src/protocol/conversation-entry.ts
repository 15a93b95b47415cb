import { z } from 'zod';
import { attachmentSchema } from './attachment';

/** Token counts of one turn; absent counts are 0. Mirrors the core `Usage`. */
export const turnUsageSchema = z.object({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  cacheReadTokens: z.number().nonnegative(),
  cacheCreationTokens: z.number().nonnegative(),
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

/** An edit proposal's status. An edit can also be accepted or rejected in the editor, not only here. */
export const editStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'cancelled']);

/** An edit proposal's status. */
export type EditStatus = z.infer<typeof editStatusSchema>;

/** What the person can be sent to from an error: store an API key or open the settings. */
export const failActionSchema = z.enum(['set-api-key', 'open-settings']);

/** An error's follow-up action. */
export type FailAction = z.infer<typeof failActionSchema>;

const userEntrySchema = z.object({
  kind: z.literal('user'),
  id: z.string(),
  text: z.string(),
  attachments: z.array(attachmentSchema),
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
  durationMs: z.number().nonnegative().optional(),
  /** The latest progress line while running. */
  progress: z.string().optional(),
  /** The head of the result; the host truncates it (a few KB at most). */
  resultPreview: z.string().optional(),
  isError: z.boolean(),
});

/** Errors, retries and other one-line notes inside the conversation. */
const noticeEntrySchema = z.object({
  kind: z.literal('notice'),
  id: z.string(),
  level: z.enum(['error', 'retry', 'info']),
  message: z.string(),
  code: z.string().optional(),
  action: failActionSchema.optional(),
});

/** The token and cost line closing a turn. */
const usageEntrySchema = z.object({
  kind: z.literal('usage'),
  id: z.string(),
  usage: turnUsageSchema,
  costUsd: z.number().nonnegative().optional(),
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
  suggestedRule: z.string().optional(),
  /** A unified diff when the call is an edit. */
  diff: z.string().optional(),
  status: permissionStatusSchema,
});

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
  reason: z.string().optional(),
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
]);

/** One renderable row of a conversation. */
export type ConversationEntry = z.infer<typeof conversationEntrySchema>;
/** The `kind` of a conversation row. */
export type ConversationEntryKind = ConversationEntry['kind'];
/** A row of a given kind. */
export type ConversationEntryOf<K extends ConversationEntryKind> = Extract<ConversationEntry, { kind: K }>;
