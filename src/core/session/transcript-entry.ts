import { z } from 'zod';
import type { Message } from '../messages/message';
import { todoItemSchema } from '../todos/todo-store';
import { PendingTurn } from './pending-turn';

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
]);

export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** Where a session's entries go. Appends must be durable in order; a failure is logged, not thrown. */
export interface TranscriptSink {
  append(entry: TranscriptEntry): void;
}

export interface RestoredSession {
  sessionId: string | undefined;
  cwd: string | undefined;
  messages: Message[];
  todos: z.infer<typeof todoItemSchema>[];
  title: string | undefined;
  /** Who gave the title; undefined when there is none. */
  titleSource: TitleSource | undefined;
  /** Lines that failed to parse (a torn last line after a kill, or a hand-edited file). */
  skippedLines: number;
  /** The transcript ended mid-turn (the process was killed): its last turn was closed as interrupted. */
  interrupted: boolean;
}

/**
 * Rebuilds a session from its lines. A torn or invalid line is skipped and counted, never fatal.
 * A turn the transcript left open (the process was killed while it streamed or ran tools) is
 * closed as {@link PendingTurn} says: the answer so far, marked interrupted, every finished tool
 * call with its result and an "interrupted" result for the others.
 */
export function restoreSession(lines: readonly string[]): RestoredSession {
  const restored: RestoredSession = {
    sessionId: undefined,
    cwd: undefined,
    messages: [],
    todos: [],
    title: undefined,
    titleSource: undefined,
    skippedLines: 0,
    interrupted: false,
  };
  const pending = new PendingTurn();
  for (const line of lines) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      restored.skippedLines += 1;
      continue;
    }
    const parsed = transcriptEntrySchema.safeParse(json);
    if (!parsed.success) {
      restored.skippedLines += 1;
      continue;
    }
    applyEntry(restored, pending, parsed.data);
  }
  const closing = pending.close(restored.messages);
  restored.messages.push(...closing);
  restored.interrupted = closing.length > 0;
  return restored;
}

function applyEntry(restored: RestoredSession, pending: PendingTurn, entry: TranscriptEntry): void {
  switch (entry.type) {
    case 'session-start':
      restored.sessionId = entry.sessionId;
      restored.cwd = entry.cwd;
      return;
    case 'message':
      restored.messages.push(...pending.beforeMessage(entry.message, restored.messages), entry.message);
      return;
    case 'todos':
      restored.todos = entry.todos;
      return;
    case 'title':
      restored.title = entry.title;
      restored.titleSource = entry.source ?? 'model';
      return;
    case 'stream-text':
      pending.text(entry.text);
      return;
    case 'stream-block':
      pending.block(entry.block);
      return;
    case 'tool-result':
      pending.result(entry.result);
      return;
    case 'stream-discard':
      pending.discard();
      return;
  }
}
