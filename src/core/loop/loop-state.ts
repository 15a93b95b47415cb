import type { CompactTrigger } from '../context/compactor';
import type { Message, Usage } from '../messages/message';

/** Why the last iteration continued; tests assert which recovery path ran. */
export type Transition =
  | { reason: 'tool-results' }
  | { reason: 'retry'; attempt: number }
  | { reason: 'fallback'; model: string }
  /** The history was compacted (before a call, or after "prompt too long") and the call is made again. */
  | { reason: 'compact'; trigger: Exclude<CompactTrigger, 'manual'> }
  | { reason: 'output-continue'; attempt: number }
  /**
   * The stream failed after `toolCalls` complete tool calls: they ran, their results were appended,
   * and after the back-off the model goes on from them. A new turn, not a repeat of the same one.
   */
  | { reason: 'stream-cut'; toolCalls: number }
  | { reason: 'stop-hook' };

/** The loop's whole mutable state, in one place. */
export interface LoopState {
  /**
   * The history: the caller's own array (`QueryOptions.messages`). The loop appends to it and never
   * rewrites it; compaction and the other layers change only what each request carries.
   */
  messages: Message[];
  turnCount: number;
  model: string;
  maxTokens: number;
  retryAttempt: number;
  consecutiveOverloads: number;
  outputContinuations: number;
  /**
   * Auto-compactions that failed in a row, as the session's context pipeline counts them (across
   * runs); at 3 the circuit breaker stops trying. A success resets it.
   */
  compactFailures: number;
  /** A "prompt too long" answer was already met with a compaction in this run; it is tried once. */
  reactiveCompacted: boolean;
  /** The size of what the latest call carried, measured before it was sent, in tokens (reported usage plus estimates). */
  contextTokens: number;
  usage: Usage;
  transition: Transition | undefined;
}
