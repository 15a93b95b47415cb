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
  }),
]) as z.ZodType<Message>;

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
  z.object({ type: z.literal('title'), title: z.string(), timestamp: z.number() }),
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
  /** Lines that failed to parse (a torn last line after a kill, or a hand-edited file). */
  skippedLines: number;
}

/**
 * Rebuilds a session from its lines. A torn or invalid line is skipped and counted, never fatal,
 * and a trailing assistant tool call without its results is dropped so the history stays valid.
 */
export function restoreSession(lines: readonly string[]): RestoredSession {
  const restored: RestoredSession = {
    sessionId: undefined,
    cwd: undefined,
    messages: [],
    todos: [],
    title: undefined,
    skippedLines: 0,
  };
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
    const entry = parsed.data;
    if (entry.type === 'session-start') {
      restored.sessionId = entry.sessionId;
      restored.cwd = entry.cwd;
    } else if (entry.type === 'message') restored.messages.push(entry.message);
    else if (entry.type === 'todos') restored.todos = entry.todos;
    else restored.title = entry.title;
  }
  const last = restored.messages.at(-1);
  if (last?.role === 'assistant' && last.content.some((block) => block.type === 'tool_use'))
    restored.messages.pop();
  return restored;
}
