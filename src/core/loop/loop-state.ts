import type { Message, Usage } from '../messages/message';

/** Why the last iteration continued; tests assert which recovery path ran. */
export type Transition =
  | { reason: 'tool-results' }
  | { reason: 'retry'; attempt: number }
  | { reason: 'fallback'; model: string }
  | { reason: 'output-continue'; attempt: number }
  | { reason: 'stop-hook' };

/** The loop's whole mutable state, in one place. */
export interface LoopState {
  messages: Message[];
  turnCount: number;
  model: string;
  maxTokens: number;
  retryAttempt: number;
  consecutiveOverloads: number;
  outputContinuations: number;
  usage: Usage;
  transition: Transition | undefined;
}
