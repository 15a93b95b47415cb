import { z } from 'zod';
import type { Message } from '../messages/message';
import { todoItemSchema } from '../todos/todo-store';

const textBlock = z.object({ type: z.literal('text'), text: z.string() });
const imageBlock = z.object({ type: z.literal('image'), mediaType: z.string(), data: z.string() });
const thinkingBlock = z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.object({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  toolUseId: z.string(),
  content: z.union([z.string(), z.array(z.union([textBlock, imageBlock]))]),
  isError: z.boolean(),
});

export const messageSchema: z.ZodType<Message> = z.union([
  z.object({
    role: z.literal('user'),
    content: z.array(z.union([textBlock, imageBlock, toolResultBlock])),
    synthetic: z.boolean().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.array(z.union([textBlock, thinkingBlock, redactedThinkingBlock, toolUseBlock])),
    model: z.string().optional(),
    cutOff: z.object({ reason: z.string() }).optional(),
    interrupted: z.boolean().optional(),
  }),
]) as z.ZodType<Message>;

/** Who named a session: the small model (from its topic), or the person (a rename, never overwritten). */
export const titleSourceSchema = z.enum(['model', 'person']);

/** Who named a session. */
export type TitleSource = z.infer<typeof titleSourceSchema>;

/** One line of a session transcript (JSONL). */
export const transcriptEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session-start'),
    sessionId: z.string(),
    cwd: z.string(),
    model: z.string(),
    timestamp: z.number(),
    /** A fork: the session and the number of its messages this one started from. */
    forkedFrom: z.object({ sessionId: z.string(), messageCount: z.number().int().nonnegative() }).optional(),
  }),
  z.object({ type: z.literal('message'), message: messageSchema, timestamp: z.number() }),
  z.object({ type: z.literal('todos'), todos: z.array(todoItemSchema), timestamp: z.number() }),
  z.object({
    type: z.literal('title'),
    title: z.string(),
    timestamp: z.number(),
    source: titleSourceSchema.optional(),
  }),
  /**
   * The answer as it streams, before its message is whole: text in batches, whole thinking and
   * tool_use blocks, and each tool result as it finishes. The message entry that follows
   * supersedes them; after a kill they rebuild the interrupted turn (see `PendingTurn`).
   */
  z.object({ type: z.literal('stream-text'), text: z.string(), timestamp: z.number() }),
  z.object({
    type: z.literal('stream-block'),
    block: z.union([thinkingBlock, redactedThinkingBlock, toolUseBlock]),
    timestamp: z.number(),
  }),
  z.object({ type: z.literal('tool-result'), result: toolResultBlock, timestamp: z.number() }),
  /** The stream so far was thrown away (a failed call about to be retried): its entries are void. */
  z.object({ type: z.literal('stream-discard'), timestamp: z.number() }),
  /** Written just before a turn's prompt: the file checkpoint taken before that turn ran. */
  z.object({
    type: z.literal('checkpoint'),
    checkpointId: z.number().int().positive(),
    timestamp: z.number(),
  }),
  /**
   * The conversation was rewound: only the first `messageCount` messages so far remain. Earlier
   * lines are never rewritten, so resume and the panel read the same history from the same file.
   */
  z.object({
    type: z.literal('rewind'),
    messageCount: z.number().int().nonnegative(),
    timestamp: z.number(),
  }),
  /**
   * The conversation was summarised here: the summary covers every message before this entry, and
   * the last `kept` of them are still sent verbatim after it. Earlier lines stay as they were.
   */
  z.object({
    type: z.literal('compaction'),
    kept: z.number().int().nonnegative(),
    summary: z.string(),
    attachments: z.array(z.string()),
    trigger: z.enum(['manual', 'auto', 'reactive']),
    contextTokens: z.number().nonnegative(),
    timestamp: z.number(),
  }),
  /** Messages `[from, to)` (of those before this entry) are sent as `summary` from here on. */
  z.object({
    type: z.literal('collapse'),
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    summary: z.string(),
    timestamp: z.number(),
  }),
]);

export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** Where a session's entries go. Appends must be durable in order; a failure is logged, not thrown. */
export interface TranscriptSink {
  append(entry: TranscriptEntry): void;
}
