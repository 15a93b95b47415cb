import type {
  AssistantBlock,
  AssistantMessage,
  Message,
  ToolResultBlock,
  UserMessage,
} from '../messages/message';
import { addUsage, emptyUsage } from '../messages/message';
import { mergeConsecutiveTurns } from '../messages/merge-turns';
import type { ModelClient, ModelError, SystemBlock, ToolDefinition } from '../model/model-client';
import type { Clock } from '../ports';
import type { Compactor } from '../context/compactor';
import { ContextMeter } from '../context/context-meter';
import { estimateTokens } from '../context/estimate-tokens';
import { StreamingExecutor } from '../execution/streaming-executor';
import type { AfterToolCall } from '../execution/streaming-executor';
import type { PermissionGate } from '../execution/permission-gate';
import type { AnyTool, ToolContext } from '../tools/tool';
import { compactHistory } from './compact-history';
import type { LoopEvent, TerminalReason } from './loop-event';
import type { LoopState } from './loop-state';
import type { RetryPolicy } from './retry-policy';
import { defaultRetryPolicy, isRetryable, retryDelayMs } from './retry-policy';
import { streamModelTurn } from './stream-model-turn';

export interface QueryOptions {
  /**
   * The history, ending with the person's new message. The loop appends to this very array and, on
   * compaction, replaces its contents in place: the caller's array stays the one history.
   */
  messages: Message[];
  system: SystemBlock[];
  tools: readonly AnyTool[];
  toolDefinitions: ToolDefinition[];
  client: ModelClient;
  model: string;
  fallbackModel?: string;
  maxTokens: number;
  /** Ceiling for max_tokens continuations (the model's output limit). */
  maxOutputTokens: number;
  maxTurns: number;
  thinkingBudget?: number;
  retry?: RetryPolicy;
  gate: PermissionGate;
  contextFor(toolUseId: string, signal: AbortSignal): ToolContext;
  clock: Clock;
  signal: AbortSignal;
  /** `<system-reminder>` texts to attach to the next user turn (tool results). */
  reminders?(state: LoopState): Promise<string[]>;
  /** Asked when the model stops; returning a message makes the loop go on (Stop hooks). */
  onStop?(state: LoopState): Promise<string | undefined>;
  /** Compaction: returns a shorter history, or undefined when it cannot. */
  compact?: Compactor;
  /** Compact before a call once the context is measured past this many tokens (auto-compact). */
  autoCompactTokens?: number;
  /**
   * Measures the context before each call. Default: a meter of its own for the model; the agent
   * passes one that lives as long as the session, so no message is estimated twice.
   */
  contextMeter?: ContextMeter;
  afterToolCall?: AfterToolCall;
  /** Receives the state object so callers and tests can inspect it after the run. */
  onState?(state: LoopState): void;
}

const maxOutputContinuations = 3;
/** Auto-compaction stops trying after this many failures in a row (a circuit breaker). */
const maxCompactFailures = 3;
const continuePrompt =
  'Your previous response hit the output token limit. Continue exactly where it stopped: no apology, no recap.';

/**
 * The agent loop. Yields events while it runs and returns why it stopped. Never throws for
 * provider or tool failures: those are events, error results or a terminal reason.
 */
export async function* query(options: QueryOptions): AsyncGenerator<LoopEvent, TerminalReason> {
  const state: LoopState = {
    messages: options.messages,
    turnCount: 0,
    model: options.model,
    maxTokens: options.maxTokens,
    retryAttempt: 0,
    consecutiveOverloads: 0,
    outputContinuations: 0,
    compactFailures: 0,
    reactiveCompacted: false,
    contextTokens: 0,
    usage: emptyUsage(),
    transition: undefined,
  };
  options.onState?.(state);
  const retry = options.retry ?? defaultRetryPolicy;
  const toolsByName = new Map(options.tools.map((tool) => [tool.name, tool]));
  const meter = options.contextMeter ?? new ContextMeter(options.client.describe(options.model).imageTokens);
  // Fixed for the run, and only needed while no reported usage covers them: estimated at most once.
  let promptTokens: number | undefined;
  const measureContext = (): number =>
    meter.measure(state.messages, (promptTokens ??= estimatePromptTokens(options)));

  for (;;) {
    if (options.signal.aborted) return 'aborted';
    if (!isSameTurn(state)) {
      if (state.turnCount >= options.maxTurns) return 'max_turns';
      state.turnCount += 1;
      yield { type: 'turn-start', turn: state.turnCount, model: state.model };
    }
    state.contextTokens = measureContext();
    if (yield* autoCompact()) continue;
    const executor = new StreamingExecutor({
      tools: toolsByName,
      gate: options.gate,
      contextFor: options.contextFor,
      signal: options.signal,
      now: () => options.clock.now(),
      afterCall: options.afterToolCall,
    });
    const outcome = yield* streamModelTurn(
      options.client,
      {
        model: state.model,
        system: options.system,
        messages: mergeConsecutiveTurns(state.messages),
        tools: options.toolDefinitions,
        maxTokens: state.maxTokens,
        thinkingBudget: options.thinkingBudget,
        signal: options.signal,
      },
      executor,
    );

    if (!outcome.ok) {
      const stopped = outcome.error.kind === 'aborted' || options.signal.aborted;
      executor.abortAll(stopped ? undefined : 'The model stream failed before this call could be kept.');
      const results = yield* executor.drain();
      if (stopped) {
        yield* keepInterruptedTurn(outcome.partial, results);
        return 'aborted';
      }
      if (outcome.started) yield { type: 'stream-discard', error: outcome.error };
      const next = yield* recover(outcome.error);
      if (next === 'continue') continue;
      return next;
    }

    state.retryAttempt = 0;
    state.consecutiveOverloads = 0;
    state.usage = addUsage(state.usage, outcome.usage);
    const { message, stopReason } = outcome;
    state.messages.push(message);
    meter.record(message, outcome.usage);
    yield { type: 'message-end', message, stopReason, usage: outcome.usage };
    yield { type: 'message-append', message };

    if (executor.hasCalls) {
      const results = yield* executor.drain();
      const reminders = options.reminders ? await options.reminders(state) : [];
      const userMessage: UserMessage = {
        role: 'user',
        synthetic: true,
        content: [...results, ...reminders.map((text) => ({ type: 'text' as const, text }))],
      };
      state.messages.push(userMessage);
      yield { type: 'message-append', message: userMessage };
      if (options.signal.aborted) return 'aborted';
      state.transition = { reason: 'tool-results' };
      continue;
    }

    if (stopReason === 'max_tokens' && state.outputContinuations < maxOutputContinuations) {
      state.outputContinuations += 1;
      state.maxTokens = Math.min(state.maxTokens * 2, options.maxOutputTokens);
      const nudge: UserMessage = {
        role: 'user',
        synthetic: true,
        content: [{ type: 'text', text: continuePrompt }],
      };
      state.messages.push(nudge);
      yield { type: 'message-append', message: nudge };
      yield { type: 'output-continue', attempt: state.outputContinuations, maxTokens: state.maxTokens };
      state.transition = { reason: 'output-continue', attempt: state.outputContinuations };
      continue;
    }

    const continuation = options.onStop ? await options.onStop(state) : undefined;
    if (continuation !== undefined) {
      const nudge: UserMessage = {
        role: 'user',
        synthetic: true,
        content: [{ type: 'text', text: continuation }],
      };
      state.messages.push(nudge);
      yield { type: 'message-append', message: nudge };
      state.transition = { reason: 'stop-hook' };
      continue;
    }
    return 'completed';
  }

  /**
   * What the person already saw stays in the history when they stop mid-answer: the text so far and
   * the tool calls that were whole, each with its result (an "interrupted" one when it had not
   * finished), so the model knows what already ran. No half tool call is kept.
   */
  async function* keepInterruptedTurn(
    partial: readonly AssistantBlock[],
    results: readonly ToolResultBlock[],
  ): AsyncGenerator<LoopEvent, void> {
    if (!partial.some((block) => block.type === 'text' || block.type === 'tool_use')) return;
    const message: AssistantMessage = {
      role: 'assistant',
      content: [...partial],
      model: state.model,
      interrupted: true,
    };
    state.messages.push(message);
    yield { type: 'message-append', message };
    const calls = new Set(partial.flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])));
    if (calls.size === 0) return;
    const answered: UserMessage = {
      role: 'user',
      synthetic: true,
      content: results.filter((result) => calls.has(result.toolUseId)),
    };
    state.messages.push(answered);
    yield { type: 'message-append', message: answered };
  }

  /** Compacts before a call when the context is past its threshold; true when it did. */
  async function* autoCompact(): AsyncGenerator<LoopEvent, boolean> {
    if (!shouldAutoCompact(state, options)) return false;
    if (!(yield* compact('auto'))) {
      state.compactFailures += 1;
      return false;
    }
    state.compactFailures = 0;
    state.transition = { reason: 'compact', trigger: 'auto' };
    return true;
  }

  /** Compacts the history in place and says so; false when nothing was compacted. */
  async function* compact(trigger: 'auto' | 'reactive'): AsyncGenerator<LoopEvent, boolean> {
    if (!options.compact) return false;
    const event = await compactHistory(options.compact, {
      history: state.messages,
      trigger,
      contextTokens: state.contextTokens,
      signal: options.signal,
    });
    if (event) yield event;
    return event !== undefined;
  }

  async function* recover(error: ModelError): AsyncGenerator<LoopEvent, 'continue' | TerminalReason> {
    if (error.kind === 'aborted' || options.signal.aborted) return 'aborted';
    if (error.kind === 'prompt_too_long') {
      const compacted = !state.reactiveCompacted && (yield* compact('reactive'));
      if (!compacted) {
        yield { type: 'loop-error', error };
        return 'prompt_too_long';
      }
      state.reactiveCompacted = true;
      state.transition = { reason: 'compact', trigger: 'reactive' };
      return 'continue';
    }
    if (!isRetryable(error)) {
      yield { type: 'loop-error', error };
      return 'model_error';
    }
    if (error.kind === 'overloaded' || error.kind === 'server') state.consecutiveOverloads += 1;
    if (
      options.fallbackModel &&
      state.model !== options.fallbackModel &&
      state.consecutiveOverloads >= retry.fallbackAfter
    ) {
      yield { type: 'model-fallback', from: state.model, to: options.fallbackModel, error };
      state.model = options.fallbackModel;
      state.consecutiveOverloads = 0;
      state.retryAttempt = 0;
      state.transition = { reason: 'fallback', model: state.model };
      return 'continue';
    }
    if (state.retryAttempt >= retry.maxRetries) {
      yield { type: 'loop-error', error };
      return 'model_error';
    }
    state.retryAttempt += 1;
    const delayMs = retryDelayMs(state.retryAttempt, error, retry, () => options.clock.random());
    yield {
      type: 'retry-schedule',
      attempt: state.retryAttempt,
      maxAttempts: retry.maxRetries,
      delayMs,
      error,
    };
    try {
      await options.clock.sleep(delayMs, options.signal);
    } catch {
      return 'aborted';
    }
    state.transition = { reason: 'retry', attempt: state.retryAttempt };
    return 'continue';
  }
}

/** Retries, fallbacks and compactions repeat the same turn; they do not count against maxTurns. */
function isSameTurn(state: LoopState): boolean {
  const reason = state.transition?.reason;
  return reason === 'retry' || reason === 'fallback' || reason === 'compact';
}

/** The system prompt and tool definitions, estimated: the part of a request no message carries. */
function estimatePromptTokens(options: QueryOptions): number {
  const system = options.system.map((block) => block.text).join('\n');
  return estimateTokens(system) + estimateTokens(JSON.stringify(options.toolDefinitions));
}

/**
 * Auto-compaction runs when the context is past its threshold, unless the breaker has tripped or
 * this very call already follows a compaction (a summary still too long must not loop).
 */
function shouldAutoCompact(state: LoopState, options: QueryOptions): boolean {
  return (
    options.compact !== undefined &&
    options.autoCompactTokens !== undefined &&
    state.compactFailures < maxCompactFailures &&
    state.transition?.reason !== 'compact' &&
    state.contextTokens > options.autoCompactTokens
  );
}
