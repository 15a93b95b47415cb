import { z } from 'zod';
import type { ContextLedger } from '../context/pipeline/context-ledger';
import { emptyLedger, truncateLedger } from '../context/pipeline/context-ledger';
import type { Message } from '../messages/message';
import { todoItemSchema } from '../todos/todo-store';
import { replayContextEntry } from './context-entries';

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

/** A compaction as the panel shows it: before the message at `messageIndex`, with its summary. */
export interface CompactionMark {
  messageIndex: number;
  trigger: 'manual' | 'auto' | 'reactive';
  summary: string;
  contextTokens: number;
}

export interface RestoredSession {
  sessionId: string | undefined;
  cwd: string | undefined;
  messages: Message[];
  todos: z.infer<typeof todoItemSchema>[];
  title: string | undefined;
  /**
   * What the context pipeline compacted and collapsed: the agent sends the history through it, so a
   * resumed session sends the compacted view while `messages` keeps everything.
   */
  context: ContextLedger;
  /** Every compaction, where it happened, oldest first: the panel draws a divider at each. */
  compactions: CompactionMark[];
  /** Lines that failed to parse (a torn last line after a kill, or a hand-edited file). */
  skippedLines: number;
}

/**
 * Rebuilds a session from its lines. A torn or invalid line is skipped and counted, never fatal;
 * compactions and collapses are replayed into the context ledger; and a trailing assistant tool
 * call without its results is dropped so the history stays valid.
 */
export function restoreSession(lines: readonly string[]): RestoredSession {
  const restored: RestoredSession = {
    sessionId: undefined,
    cwd: undefined,
    messages: [],
    todos: [],
    title: undefined,
    context: emptyLedger,
    compactions: [],
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
    else if (entry.type === 'title') restored.title = entry.title;
    else {
      restored.context = replayContextEntry(restored.context, entry, restored.messages.length);
      if (entry.type === 'compaction') {
        const { trigger, summary, contextTokens } = entry;
        restored.compactions.push({
          messageIndex: restored.messages.length,
          trigger,
          summary,
          contextTokens,
        });
      }
    }
  }
  const last = restored.messages.at(-1);
  if (last?.role === 'assistant' && last.content.some((block) => block.type === 'tool_use')) {
    restored.messages.pop();
    restored.context = truncateLedger(restored.context, restored.messages.length);
    restored.compactions = restored.compactions.filter(
      (mark) => mark.messageIndex <= restored.messages.length,
    );
  }
  return restored;
}
