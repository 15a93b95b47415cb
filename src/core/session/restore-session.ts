import type { z } from 'zod';
import type { ContextLedger } from '../context/pipeline/context-ledger';
import { emptyLedger } from '../context/pipeline/context-ledger';
import type { Message } from '../messages/message';
import type { todoItemSchema } from '../todos/todo-store';
import type { ContextEntry } from './context-entries';
import { replayContextEntry } from './context-entries';
import { parseJsonLines } from '../text/json-lines';
import { PendingTurn } from './pending-turn';
import type { TitleSource, TranscriptEntry } from './transcript-entry';
import { transcriptEntrySchema } from './transcript-entry';

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
  /** Who gave the title; undefined when there is none. */
  titleSource: TitleSource | undefined;
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
  /** The transcript ended mid-turn (the process was killed): its last turn was closed as interrupted. */
  interrupted: boolean;
}

/** Each line parsed and validated; a torn or invalid line is counted, never fatal. */
export function parseTranscript(lines: readonly string[]): {
  entries: TranscriptEntry[];
  skippedLines: number;
} {
  const { values, skippedLines } = parseJsonLines(lines, transcriptEntrySchema);
  return { entries: values, skippedLines };
}

/** What replay keeps besides the session itself. */
interface Replay {
  restored: RestoredSession;
  pending: PendingTurn;
  /** Each todo list with the number of messages before it, so a rewind can go back to an older one. */
  todoLists: { messageCount: number; todos: RestoredSession['todos'] }[];
  /** Each compaction and collapse with the number of messages before it, for the same reason. */
  contextEntries: { entry: ContextEntry; messageCount: number }[];
}

/**
 * Rebuilds a session from its lines. A torn or invalid line is skipped and counted, never fatal.
 * Compactions and collapses are replayed into the context ledger; a rewind drops the messages,
 * todo lists, checkpoint markers and compactions after its point. A turn the transcript left open
 * (the process was killed while it streamed or ran tools) is closed as {@link PendingTurn} says:
 * the answer so far, marked interrupted, every finished tool call with its result and an
 * "interrupted" result for the others.
 */
export function restoreSession(lines: readonly string[]): RestoredSession {
  const { entries, skippedLines } = parseTranscript(lines);
  const replay: Replay = {
    restored: {
      sessionId: undefined,
      cwd: undefined,
      messages: [],
      todos: [],
      title: undefined,
      titleSource: undefined,
      checkpoints: [],
      context: emptyLedger,
      compactions: [],
      skippedLines,
      interrupted: false,
    },
    pending: new PendingTurn(),
    todoLists: [],
    contextEntries: [],
  };
  for (const entry of entries) applyEntry(replay, entry);
  const { restored } = replay;
  restored.todos = replay.todoLists.at(-1)?.todos ?? [];
  const closing = replay.pending.close(restored.messages);
  restored.messages.push(...closing);
  restored.interrupted = closing.length > 0;
  return restored;
}

function applyEntry(replay: Replay, entry: TranscriptEntry): void {
  const { restored, pending } = replay;
  switch (entry.type) {
    case 'session-start':
      restored.sessionId = entry.sessionId;
      restored.cwd = entry.cwd;
      return;
    case 'message':
      restored.messages.push(...pending.beforeMessage(entry.message, restored.messages), entry.message);
      return;
    case 'todos':
      replay.todoLists.push({ messageCount: restored.messages.length, todos: entry.todos });
      return;
    case 'title':
      restored.title = entry.title;
      restored.titleSource = entry.source ?? 'model';
      return;
    case 'checkpoint':
      restored.checkpoints.push({ checkpointId: entry.checkpointId, messageIndex: restored.messages.length });
      return;
    case 'rewind':
      return rewind(replay, entry.messageCount);
    case 'compaction':
    case 'collapse':
      replay.contextEntries.push({ entry, messageCount: restored.messages.length });
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

function rewind(replay: Replay, messageCount: number): void {
  const { restored } = replay;
  // The count was taken of the history as it was loaded, with an open turn already closed.
  restored.messages.push(...replay.pending.close(restored.messages));
  const count = Math.min(messageCount, restored.messages.length);
  restored.messages.length = count;
  restored.checkpoints = restored.checkpoints.filter((marker) => marker.messageIndex < count);
  while ((replay.todoLists.at(-1)?.messageCount ?? 0) > count) replay.todoLists.pop();
  // The ledger keeps only the latest compaction: replaying the ones still in reach brings an
  // earlier one back when the rewind went behind the latest.
  replay.contextEntries = replay.contextEntries.filter((seen) => seen.messageCount <= count);
  restored.context = replay.contextEntries.reduce(
    (ledger, seen) => replayContextEntry(ledger, seen.entry, seen.messageCount),
    emptyLedger,
  );
  restored.compactions = restored.compactions.filter((mark) => mark.messageIndex <= count);
}
