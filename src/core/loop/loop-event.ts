import type { CompactTrigger } from '../context/compactor';
import type { AssistantBlock, AssistantMessage, Message, Usage } from '../messages/message';
import type { ModelError, StopReason } from '../model/model-client';
import type { ToolResult } from '../tools/tool';
import type { TodoItem } from '../todos/todo-store';

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
  /** A stream died mid-message; the partial message was discarded and the call is retried. */
  | { type: 'stream-discard'; error: ModelError }
  | { type: 'todos-change'; todos: readonly TodoItem[] }
  /** The history was replaced by a summary: message counts before and after, and the context size that led to it. */
  | {
      type: 'context-compact';
      before: number;
      after: number;
      trigger: CompactTrigger;
      contextTokens: number;
    }
  | { type: 'loop-error'; error: ModelError }
  /** A UserPromptSubmit hook blocked the person's message; it never reached the model. */
  | { type: 'prompt-block'; reason: string };
