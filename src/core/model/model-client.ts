import type { AssistantBlock, Message, Usage } from '../messages/message';
import type { ImageTokenRule } from './image-tokens';
import type { ModelPricing } from './model-prices';

/** What a model can do; declared per model so the loop never hard-wires a model name. */
export interface ModelInfo {
  id: string;
  provider: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** Search-and-replace (`Edit`, Claude) or `ApplyPatch` (GPT-family). */
  editTool: 'edit' | 'apply_patch';
  supportsImages: boolean;
  /**
   * How the provider counts an image's input tokens. Undefined for a model described by hand: such
   * images count by Anthropic's pixel rule, which most vision encoders are near.
   */
  imageTokens?: ImageTokenRule;
  /** USD per million tokens (model-prices.ts), for the cost line; undefined when unknown (local models). */
  pricing?: ModelPricing;
}

export interface SystemBlock {
  text: string;
  /** Put a prompt-cache breakpoint after this block (the end of the static prompt). */
  cacheBreakpoint?: boolean;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the input, draft 2020-12 subset accepted by both providers. */
  inputSchema: Record<string, unknown>;
}

export interface ModelRequest {
  model: string;
  system: SystemBlock[];
  messages: Message[];
  tools: ToolDefinition[];
  maxTokens: number;
  /** Extended-thinking budget in tokens; undefined = off. */
  thinkingBudget?: number;
  signal: AbortSignal;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'other';

/** Why a model call failed; decides the recovery path in the loop. */
export type ModelErrorKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'prompt_too_long'
  | 'authentication'
  | 'invalid_request'
  | 'aborted'
  | 'unknown';

export interface ModelError {
  kind: ModelErrorKind;
  message: string;
  status?: number;
  /** From a `retry-after` header, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * Normalised stream events. `block-complete` arrives once per content block, as soon as the block
 * is whole in the stream, so tools can start before the message ends. A tool_use whose input JSON
 * did not parse arrives with `inputError` set and `input` = the raw text.
 */
export type ModelStreamEvent =
  | { type: 'message-start'; model: string }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'thinking-delta'; index: number; thinking: string }
  | { type: 'tool-input-delta'; index: number; id: string; name: string; partialJson: string }
  | { type: 'block-complete'; index: number; block: AssistantBlock; inputError?: string }
  | { type: 'message-complete'; stopReason: StopReason; usage: Usage }
  | { type: 'error'; error: ModelError };

/**
 * One provider. `stream` must not throw: every failure, including an aborted signal, ends the
 * stream with one `error` event. The stream ends after `message-complete` or `error`.
 */
export interface ModelClient {
  readonly provider: string;
  describe(modelId: string): ModelInfo;
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
  /**
   * The exact input tokens of a request (system, tools, messages), where the provider can count
   * them (Anthropic's count_tokens). It costs a request: callers use it rarely, never per turn.
   * Must not throw; undefined when it could not count.
   */
  countTokens?(request: ModelRequest): Promise<number | undefined>;
}
