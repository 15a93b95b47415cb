import { z } from 'zod';
import type { ContextLedger } from '../context/pipeline/context-ledger';
import { emptyLedger, truncateLedger } from '../context/pipeline/context-ledger';
import type { Message } from '../messages/message';
import { todoItemSchema } from '../todos/todo-store';
import type { ContextEntry } from './context-entries';
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
    /** A fork: the session and the number of its messages this one started from. */
    forkedFrom: z.object({ sessionId: z.string(), messageCount: z.number().int().nonnegative() }).optional(),
  }),
  z.object({ type: z.literal('message'), message: messageSchema, timestamp: z.number() }),
  z.object({ type: z.literal('todos'), todos: z.array(todoItemSchema), timestamp: z.number() }),
  z.object({ type: z.literal('title'), title: z.string(), timestamp: z.number() }),
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

/** A checkpoint marker: the checkpoint taken before the prompt at `messageIndex`. */
export interface TurnCheckpoint {
  checkpointId: number;
  messageIndex: number;
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
  /** In message order; rewound turns' markers are gone. */
  checkpoints: TurnCheckpoint[];
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

/** Each line parsed and validated; a torn or invalid line is counted, never fatal. */
export function parseTranscript(lines: readonly string[]): {
  entries: TranscriptEntry[];
  skippedLines: number;
} {
  const entries: TranscriptEntry[] = [];
  let skippedLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skippedLines += 1;
      continue;
    }
    const parsed = transcriptEntrySchema.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
    else skippedLines += 1;
  }
  return { entries, skippedLines };
}

/**
 * Rebuilds a session from its lines. A torn or invalid line is skipped and counted, never fatal;
 * compactions and collapses are replayed into the context ledger; a rewind drops the messages, todo
 * lists, checkpoint markers and compactions after its point; and a trailing assistant tool call
 * without its results is dropped so the history stays valid.
 */
export function restoreSession(lines: readonly string[]): RestoredSession {
  const { entries, skippedLines } = parseTranscript(lines);
  const restored: RestoredSession = {
    sessionId: undefined,
    cwd: undefined,
    messages: [],
    todos: [],
    title: undefined,
    checkpoints: [],
    context: emptyLedger,
    compactions: [],
    skippedLines,
  };
  let contextEntries: { entry: ContextEntry; messageCount: number }[] = [];
  // Each todo list with the number of messages before it, so a rewind can go back to the older one.
  const todoLists: { messageCount: number; todos: RestoredSession['todos'] }[] = [];
  for (const entry of entries) {
    if (entry.type === 'session-start') {
      restored.sessionId = entry.sessionId;
      restored.cwd = entry.cwd;
    } else if (entry.type === 'message') restored.messages.push(entry.message);
    else if (entry.type === 'todos')
      todoLists.push({ messageCount: restored.messages.length, todos: entry.todos });
    else if (entry.type === 'checkpoint')
      restored.checkpoints.push({ checkpointId: entry.checkpointId, messageIndex: restored.messages.length });
    else if (entry.type === 'rewind') {
      const count = Math.min(entry.messageCount, restored.messages.length);
      restored.messages.length = count;
      restored.checkpoints = restored.checkpoints.filter((marker) => marker.messageIndex < count);
      while ((todoLists.at(-1)?.messageCount ?? 0) > count) todoLists.pop();
      // The ledger keeps only the latest compaction: replaying the ones still in reach brings an
      // earlier one back when the rewind went behind the latest.
      contextEntries = contextEntries.filter((seen) => seen.messageCount <= count);
      restored.context = contextEntries.reduce(
        (ledger, seen) => replayContextEntry(ledger, seen.entry, seen.messageCount),
        emptyLedger,
      );
      restored.compactions = restored.compactions.filter((mark) => mark.messageIndex <= count);
    } else if (entry.type === 'title') restored.title = entry.title;
    else {
      contextEntries.push({ entry, messageCount: restored.messages.length });
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
  restored.todos = todoLists.at(-1)?.todos ?? [];
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
