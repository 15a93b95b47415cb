import type { CompactTrigger } from '../context/compactor';
import type { CollapseRecord, CompactionRecord } from '../context/pipeline/context-ledger';
import type { AssistantBlock, AssistantMessage, Message, Usage } from '../messages/message';
import type { ModelError, StopReason } from '../model/model-client';
import type { ToolResult } from '../tools/tool';
import type { TodoItem } from '../todos/todo-store';

/** The tokens a summary call used, and the model that made it (collapse runs on the small model). */
export interface SummaryCost {
  model: string;
  usage: Usage;
}

/** Why `query()` ended. */
export type TerminalReason = 'completed' | 'aborted' | 'max_turns' | 'prompt_too_long' | 'model_error';

/** Events `query()` yields, in order. Consumers may render them at their own pace. */
export type LoopEvent =
  | { type: 'turn-start'; turn: number; model: string }
  | { type: 'text-delta'; text: string }
  | { type: 'thinking-delta'; thinking: string }
  | { type: 'tool-input-delta'; toolUseId: string; name: string; partialJson: string }
  /** A block of the message being streamed is whole (text, thinking, a tool call); the message may go on. */
  | { type: 'block-end'; block: AssistantBlock }
  /** The assistant message as it enters the history (never with a half tool call). */
  | { type: 'message-end'; message: AssistantMessage; stopReason: StopReason; usage: Usage }
  /** Any message appended to the history, assistant or user; sessions persist these. */
  | { type: 'message-append'; message: Message }
  | { type: 'tool-execution-start'; toolUseId: string; name: string; input: unknown; summary: string }
  | { type: 'tool-execution-progress'; toolUseId: string; text: string }
  | { type: 'tool-execution-end'; toolUseId: string; name: string; result: ToolResult; durationMs: number }
  | { type: 'retry-schedule'; attempt: number; maxAttempts: number; delayMs: number; error: ModelError }
  | { type: 'model-fallback'; from: string; to: string; error: ModelError }
  | { type: 'output-continue'; attempt: number; maxTokens: number }
  /**
   * A stream died mid-message before any tool call was complete; the partial message was discarded
   * and the call is retried. `droppedText`: the streamed text that went with it.
   */
  | { type: 'stream-discard'; error: ModelError; droppedText: string }
  /**
   * A stream died after one or more tool calls were complete. `message`, appended next, is the
   * answer cut after the last of them; those calls run to the end, their results are appended, and
   * the call is retried from there. `droppedText`: the streamed text after the cut, which is not kept.
   */
  | { type: 'stream-cut'; error: ModelError; message: AssistantMessage; droppedText: string }
  | { type: 'todos-change'; todos: readonly TodoItem[] }
  /**
   * The conversation was summarised; from now on requests carry the summary (with what was
   * re-attached) and the newest turns instead of what it covers. The history keeps every message.
   * `before` and `after` count the messages sent, the tokens are the context's size before and after.
   */
  | {
      type: 'context-compact';
      trigger: CompactTrigger;
      before: number;
      after: number;
      contextTokens: number;
      tokensAfter: number;
      summary: string;
      record: CompactionRecord;
      /** What the summary call cost, on which model (absent when the compactor made no call). */
      cost?: SummaryCost;
    }
  /** A span of older turns is sent as a summary from now on (the history keeps the span). */
  | {
      type: 'context-collapse';
      record: CollapseRecord;
      contextTokens: number;
      tokensAfter: number;
      cost?: SummaryCost;
    }
  /** A cheap layer made the context smaller: covered turns dropped (snip) or old tool results cleared (microcompact). */
  | {
      type: 'context-trim';
      layer: 'snip' | 'microcompact';
      /** Messages dropped (snip) or tool results cleared (microcompact). */
      count: number;
      contextTokens: number;
      tokensAfter: number;
    }
  /**
   * A compaction did not happen (the summary call failed, a PreCompact hook refused) or left the
   * context still over its threshold. With `breakerOpen`, auto-compaction is off for the rest of
   * the session after three failures in a row: the person should hear of it.
   */
  | { type: 'compact-fail'; trigger: CompactTrigger; reason: string; failures: number; breakerOpen: boolean }
  | { type: 'loop-error'; error: ModelError }
  /** A checkpoint was taken before the person's message ran; restoring to it goes back to just before. */
  | { type: 'checkpoint-create'; checkpointId: number }
  /** A UserPromptSubmit hook blocked the person's message; it never reached the model. */
  | { type: 'prompt-block'; reason: string };
