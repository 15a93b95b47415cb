import type {
  AssistantBlock,
  AssistantMessage,
  Message,
  ToolResultBlock,
  UserMessage,
} from '../messages/message';
import { addUsage, emptyUsage, textOf } from '../messages/message';
import { mergeConsecutiveTurns } from '../messages/merge-turns';
import type { ModelClient, ModelError, SystemBlock, ToolDefinition } from '../model/model-client';
import type { Clock } from '../ports';
import type { SummaryPrefix } from '../context/compactor';
import { ContextMeter } from '../context/context-meter';
import { estimateTokens } from '../context/estimate-tokens';
import { ContextPipeline } from '../context/pipeline/context-pipeline';
import { StreamingExecutor } from '../execution/streaming-executor';
import type { AfterToolCall } from '../execution/streaming-executor';
import type { PermissionGate } from '../execution/permission-gate';
import type { AnyTool, ToolContext } from '../tools/tool';
import { cutMessage } from './cut-message';
import type { LoopEvent, TerminalReason } from './loop-event';
import type { LoopState } from './loop-state';
import type { RetryPolicy } from './retry-policy';
import { defaultRetryPolicy, isRetryable, retryDelayMs } from './retry-policy';
import { streamModelTurn } from './stream-model-turn';
import type { FailedModelTurn } from './stream-model-turn';

export interface QueryOptions {
  /**
   * The history, ending with the person's new message. The loop appends to this very array and
   * never rewrites it: what each request carries is projected from it by the context pipeline.
   */
  messages: Message[];
  system: SystemBlock[];
  tools: readonly AnyTool[];
  /** What each model call is offered; asked before every call, so tools ToolSearch loads join the next one. */
  toolDefinitions(): ToolDefinition[];
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
  /**
   * The context pipeline: budgets tool results, builds each request from the history and compacts
   * it. The agent passes one that lives as long as the session (its ledger, its breaker, its
   * meter); default: one of this run's own, which budgets results and clears old ones but cannot
   * summarise.
   */
  context?: ContextPipeline;
  afterToolCall?: AfterToolCall;
  /** Receives the state object so callers and tests can inspect it after the run. */
  onState?(state: LoopState): void;
}

const maxOutputContinuations = 3;
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
  const context =
    options.context ??
    new ContextPipeline({
      describe: (model) => options.client.describe(model),
      tools: () => options.tools,
      clock: options.clock,
      meter: new ContextMeter(options.client.describe(options.model).imageTokens),
    });
  state.compactFailures = context.failures;
  // Fixed for the run, and only needed while no reported usage covers them: estimated at most once.
  let promptTokens: number | undefined;
  const fixedTokens = (): number => (promptTokens ??= estimatePromptTokens(options));
  const prefix = (): SummaryPrefix => ({
    model: state.model,
    system: options.system,
    tools: options.toolDefinitions(),
    ...(options.thinkingBudget === undefined ? {} : { thinkingBudget: options.thinkingBudget }),
  });

  for (;;) {
    if (options.signal.aborted) return 'aborted';
    if (!isSameTurn(state)) {
      if (state.turnCount >= options.maxTurns) return 'max_turns';
      state.turnCount += 1;
      yield { type: 'turn-start', turn: state.turnCount, model: state.model };
    }
    const prepared = yield* context.prepare({
      history: state.messages,
      prefix: prefix(),
      outputReserve: state.maxTokens,
      fixedTokens: fixedTokens(),
      afterCompaction: state.transition?.reason === 'compact',
      signal: options.signal,
    });
    state.contextTokens = prepared.tokens;
    state.compactFailures = context.failures;
    if (prepared.compacted) state.transition = { reason: 'compact', trigger: 'auto' };
    const executor = new StreamingExecutor({
      tools: toolsByName,
      gate: options.gate,
      contextFor: options.contextFor,
      signal: options.signal,
      now: () => options.clock.now(),
      afterCall: options.afterToolCall,
    });
    const sentAt = options.clock.now();
    const outcome = yield* streamModelTurn(
      options.client,
      {
        model: state.model,
        system: options.system,
        messages: mergeConsecutiveTurns(prepared.messages),
        tools: options.toolDefinitions(),
        maxTokens: state.maxTokens,
        thinkingBudget: options.thinkingBudget,
        signal: options.signal,
      },
      executor,
    );

    if (!outcome.ok) {
      const next = yield* afterStreamFailure(outcome, executor);
      if (next === 'continue') continue;
      return next;
    }

    state.retryAttempt = 0;
    state.consecutiveOverloads = 0;
    state.usage = addUsage(state.usage, outcome.usage);
    const { message, stopReason } = outcome;
    state.messages.push(message);
    context.recordSent({ messages: prepared.messages, reply: message, usage: outcome.usage, sentAt });
    yield { type: 'message-end', message, stopReason, usage: outcome.usage };
    yield { type: 'message-append', message };

    if (executor.hasCalls) {
      yield* appendToolResults(message, executor);
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
   * Waits for every call of the message and appends the results, fitted to the budget (layer 1),
   * with reminders, as one user turn.
   */
  async function* appendToolResults(
    message: AssistantMessage,
    executor: StreamingExecutor,
  ): AsyncGenerator<LoopEvent, void> {
    const calls = message.content.filter((block) => block.type === 'tool_use');
    const results = await context.fitToolResults(yield* executor.drain(), { calls, model: state.model });
    const reminders = options.reminders ? await options.reminders(state) : [];
    const userMessage: UserMessage = {
      role: 'user',
      synthetic: true,
      content: [...results, ...reminders.map((text) => ({ type: 'text' as const, text }))],
    };
    state.messages.push(userMessage);
    yield { type: 'message-append', message: userMessage };
  }

  /**
   * A stream that failed. The person's stop ends the run, keeping the text they saw. Otherwise,
   * when tool calls were complete, the answer is kept up to the last of them ({@link cutMessage})
   * and those calls run to the end — one waiting for the person keeps waiting — so what was
   * approved or done is neither lost nor done again; the model gets their results on the retry.
   * With no complete call the answer is discarded. Either way `recover` decides the wait.
   */
  async function* afterStreamFailure(
    outcome: FailedModelTurn,
    executor: StreamingExecutor,
  ): AsyncGenerator<LoopEvent, 'continue' | TerminalReason> {
    const { error } = outcome;
    if (error.kind === 'aborted' || options.signal.aborted) {
      executor.abortAll();
      yield* keepInterruptedTurn(outcome.partial, yield* executor.drain());
      return 'aborted';
    }
    const kept = cutMessage({ blocks: outcome.blocks, model: outcome.model, reason: error.message });
    if (!kept) {
      executor.abortAll('The model stream failed before this call could be kept.');
      yield* drainQuietly(executor);
      if (options.signal.aborted) {
        // Stopped while the calls wound down: they were refused, so only the text is kept.
        yield* keepInterruptedTurn(
          outcome.partial.filter((block) => block.type === 'text'),
          [],
        );
        return 'aborted';
      }
      if (outcome.started) yield { type: 'stream-discard', error, droppedText: outcome.partialText };
      return yield* recover(error);
    }
    // Blocks stream one at a time, so the kept text is the start of what was streamed.
    const droppedText = outcome.partialText.slice(textOf(kept.content).length);
    yield { type: 'stream-cut', error, message: kept, droppedText };
    state.messages.push(kept);
    yield { type: 'message-append', message: kept };
    yield* appendToolResults(kept, executor);
    if (options.signal.aborted) return 'aborted';
    const next = yield* recover(error);
    const toolCalls = kept.content.filter((block) => block.type === 'tool_use').length;
    if (next === 'continue') state.transition = { reason: 'stream-cut', toolCalls };
    return next;
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

  /**
   * The "prompt too long" answer is held back while the pipeline compacts (once per run, the
   * context taken to be at least the window, whatever was measured); false when it could not.
   */
  async function* compactReactively(): AsyncGenerator<LoopEvent, boolean> {
    if (state.reactiveCompacted) return false;
    const window = options.client.describe(state.model).contextWindow;
    return yield* context.compact({
      trigger: 'reactive',
      history: state.messages,
      prefix: prefix(),
      outputReserve: state.maxTokens,
      fixedTokens: fixedTokens(),
      contextTokens: Math.max(state.contextTokens, window),
      signal: options.signal,
    });
  }

  async function* recover(error: ModelError): AsyncGenerator<LoopEvent, 'continue' | TerminalReason> {
    if (error.kind === 'aborted' || options.signal.aborted) return 'aborted';
    if (error.kind === 'prompt_too_long') {
      const compacted = yield* compactReactively();
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
  return estimateTokens(system) + estimateTokens(JSON.stringify(options.toolDefinitions()));
}

async function* drainQuietly(executor: StreamingExecutor): AsyncGenerator<LoopEvent, void> {
  yield* executor.drain();
}
