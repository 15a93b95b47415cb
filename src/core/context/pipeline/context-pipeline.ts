import type { LoopEvent } from '../../loop/loop-event';
import type { Message, ToolResultBlock, ToolUseBlock, Usage } from '../../messages/message';
import type { AnyTool } from '../../tools/tool';
import type { CompactTrigger } from '../compactor';
import { ContextMeter } from '../context-meter';
import { maxCompactFailures, shouldAutoCompact } from './auto-compact';
import { compactHistory, costOf } from './compact-history';
import { chooseCollapseSpan } from './context-collapse';
import type { ContextLedger } from './context-ledger';
import { emptyLedger, withCollapse, withCompaction } from './context-ledger';
import type { ContextThresholds } from './context-thresholds';
import { contextThresholds, layerTarget } from './context-thresholds';
import type { ContextView } from './context-view';
import { ClearedResults, microcompact } from './microcompact';
import type {
  CompactStepRequest,
  ContextPipelineOptions,
  PreparedContext,
  PrepareRequest,
} from './context-pipeline-options';
import { projectContext } from './project-context';
import { ToolCallIndex } from './tool-call-index';
import { CachedPrefix } from './cached-prefix';
import { snip } from './snip';
import { fitToolResults, turnLimitFor } from './tool-result-budget';

type Step = { view: ContextView; tokens: number };

/**
 * The share of the auto-compaction threshold the newest turns kept after a summary may take: an
 * automatic compaction happens mid-task and the work goes on from those turns; after "prompt too
 * long" less is kept; `/compact` keeps none, as the person asked for the summary instead.
 */
const keptShare: Record<CompactTrigger, number> = { auto: 0.1, reactive: 0.05, manual: 0 };

/**
 * The context pipeline of one session, cheapest layer first, each running only while the context
 * is still over its threshold: tool-result budget (as results arrive) → snip → microcompact →
 * context collapse → auto-compaction, and reactive compaction after a "prompt too long" answer.
 * Each layer is a pure function over the message list; this class holds what they decided (the
 * ledger, what snip dropped, what microcompact cleared, the breaker's count) and projects the
 * history through it for every request. The history is never changed here.
 */
export class ContextPipeline {
  readonly meter: ContextMeter;
  readonly #options: ContextPipelineOptions;
  readonly #stubs = new ClearedResults();
  readonly #calls = new ToolCallIndex();
  readonly #cached: CachedPrefix;
  #ledger: ContextLedger;
  #sendFrom = 0;
  #cleared: ReadonlySet<string> = new Set();
  #failures = 0;

  constructor(options: ContextPipelineOptions & { meter?: ContextMeter }) {
    this.#options = options;
    this.#ledger = options.ledger ?? emptyLedger;
    this.#sendFrom = this.#ledger.compaction?.keepFrom ?? 0;
    this.meter = options.meter ?? new ContextMeter();
    this.#cached = new CachedPrefix(options.cacheTtlMs);
  }

  /** What was compacted and collapsed (the transcript records it as it happens). */
  get ledger(): ContextLedger {
    return this.#ledger;
  }

  /** Auto-compactions that failed in a row; at three the breaker is open. */
  get failures(): number {
    return this.#failures;
  }

  /** The thresholds for a model and output reserve. */
  thresholds(model: string, outputReserve: number): ContextThresholds {
    const window = this.#options.describe(model).contextWindow;
    const { bufferTokens, autoCompactPercent } = this.#options;
    const options = {
      window,
      outputReserve,
      ...(bufferTokens === undefined ? {} : { bufferTokens }),
      ...(autoCompactPercent === undefined ? {} : { autoCompactPercent }),
    };
    return contextThresholds(options, this.#options.thresholds);
  }

  /** The history as the next request carries it, without running any layer. */
  view(history: readonly Message[]): ContextView {
    const state = { ledger: this.#ledger, sendFrom: this.#sendFrom, cleared: this.#cleared };
    return projectContext(history, state, { results: this.#stubs, calls: this.#calls.of(history) });
  }

  /** Layer 1: fits one turn of results (from the calls of `calls`) to the budget before it enters the history. */
  async fitToolResults(
    blocks: ToolResultBlock[],
    request: { calls: readonly ToolUseBlock[]; model: string },
  ): Promise<ToolResultBlock[]> {
    const names = new Map(request.calls.map((call) => [call.id, call.name]));
    const tools = this.#toolsByName();
    const limitOf = (id: string) =>
      tools.get(names.get(id) ?? '')?.maxResultChars ?? Number.POSITIVE_INFINITY;
    const budget = { limitOf, turnLimit: turnLimitFor(this.#options.describe(request.model).contextWindow) };
    return fitToolResults(blocks, { budget, ...(this.#options.store ? { store: this.#options.store } : {}) });
  }

  /** Layers 2–5 before a call: the messages to send. Yields what each layer that ran did. */
  async *prepare(request: PrepareRequest): AsyncGenerator<LoopEvent, PreparedContext> {
    const limits = this.thresholds(request.prefix.model, request.outputReserve);
    let step: Step = { view: this.view(request.history), tokens: 0 };
    step.tokens = this.#measure(step.view, request);
    if (step.tokens > limits.snip)
      step = yield* this.#trimmed('snip', step, this.#snip(step, request, layerTarget(limits, limits.snip)));
    if (step.tokens > limits.microcompact) {
      const trimmed = this.#microcompact(step, request, layerTarget(limits, limits.microcompact));
      step = yield* this.#trimmed('microcompact', step, trimmed);
    }
    if (step.tokens > limits.collapse) step = (yield* this.#collapse(step, request, limits)) ?? step;
    let compacted = false;
    const failures = this.#failures;
    const enabled = this.#options.autoCompact !== false && this.#options.compactor !== undefined;
    if (
      shouldAutoCompact({
        tokens: step.tokens,
        threshold: limits.autoCompact,
        failures,
        afterCompaction: request.afterCompaction,
        enabled,
      })
    ) {
      const after = yield* this.#compact(step, { ...request, trigger: 'auto' }, limits);
      compacted = after !== undefined;
      step = after ?? step;
    }
    return { messages: step.view.messages, tokens: step.tokens, compacted };
  }

  /** Compaction now, for `/compact` or after "prompt too long"; true when it compacted. */
  async *compact(request: CompactStepRequest): AsyncGenerator<LoopEvent, boolean> {
    const view = this.view(request.history);
    const tokens = Math.max(request.contextTokens ?? 0, this.#measure(view, request));
    const limits = this.thresholds(request.prefix.model, request.outputReserve);
    return (yield* this.#compact({ view, tokens }, request, limits)) !== undefined;
  }

  /**
   * A request went out at `sentAt` (the clock's time) with `messages`, and `reply` came back: the
   * meter learns the context's size, and the cache-aware tail where the cached prefix now ends.
   */
  recordSent(sent: { messages: readonly Message[]; reply: Message; usage: Usage; sentAt: number }): void {
    this.meter.record(sent.reply, sent.usage, sent.messages);
    this.#cached.record(sent.messages, sent.sentAt);
  }

  #measure(view: ContextView, request: { fixedTokens: number }): number {
    return this.meter.measure(view.messages, request.fixedTokens);
  }

  /** What a cheap layer did, said as an event; the step it led to, or `before` when it did nothing. */
  async *#trimmed(
    layer: 'snip' | 'microcompact',
    before: Step,
    after: (Step & { count: number }) | undefined,
  ): AsyncGenerator<LoopEvent, Step> {
    if (!after) return before;
    yield {
      type: 'context-trim',
      layer,
      count: after.count,
      contextTokens: before.tokens,
      tokensAfter: after.tokens,
    };
    return after;
  }

  #toolsByName(): ReadonlyMap<string, AnyTool> {
    return new Map(this.#options.tools().map((tool) => [tool.name, tool]));
  }

  #snip(step: Step, request: PrepareRequest, target: number): (Step & { count: number }) | undefined {
    const compaction = this.#ledger.compaction;
    if (!compaction) return undefined;
    const covered = { from: Math.max(this.#sendFrom, compaction.keepFrom), through: compaction.through };
    const estimate = (message: Message) => this.meter.estimate(message);
    const sendFrom = snip({ view: step.view, tokens: step.tokens, target, covered, estimate });
    if (sendFrom === undefined) return undefined;
    const count = sendFrom - covered.from;
    this.#sendFrom = sendFrom;
    return { ...this.#reproject(request), count };
  }

  #microcompact(step: Step, request: PrepareRequest, target: number): (Step & { count: number }) | undefined {
    const tools = this.#toolsByName();
    const cleared = microcompact({
      view: step.view,
      tokens: step.tokens,
      target,
      editableFrom: this.#cached.uncachedFrom(step.view, this.#options.clock.now()),
      keepRecent: this.#options.keepRecentResults ?? 6,
      cleared: this.#cleared,
      calls: this.#calls.of(request.history),
      isReReadable: (name) => tools.get(name)?.permissionKind === 'read',
    });
    if (!cleared) return undefined;
    const count = cleared.size - this.#cleared.size;
    this.#cleared = cleared;
    return { ...this.#reproject(request), count };
  }

  async *#collapse(
    step: Step,
    request: PrepareRequest,
    limits: ContextThresholds,
  ): AsyncGenerator<LoopEvent, Step | undefined> {
    const collapser = this.#options.collapser;
    if (!collapser) return undefined;
    const through = this.#ledger.compaction?.through ?? 0;
    const eligibleFrom = step.view.origins.findIndex((origin) => origin >= through);
    if (eligibleFrom === -1) return undefined;
    const span = chooseCollapseSpan({
      view: step.view,
      tokens: step.tokens,
      target: layerTarget(limits, limits.collapse),
      eligibleFrom,
      protectTokens: Math.round(limits.autoCompact * 0.3),
      // A collapse breaks the cached prefix from its span on: it must free a good part of what is asked.
      minTokens: Math.max(500, Math.ceil((step.tokens - layerTarget(limits, limits.collapse)) / 2)),
      estimate: (message) => this.meter.estimate(message),
    });
    if (!span) return undefined;
    const outcome = await collapser({
      messages: step.view.messages.slice(span.from, span.to),
      signal: request.signal,
    });
    if (!outcome.ok) return undefined;
    const record = {
      from: step.view.origins[span.from]!,
      to: step.view.origins[span.to - 1]! + 1,
      summary: outcome.summary,
    };
    this.#ledger = withCollapse(this.#ledger, record);
    const after = this.#reproject(request);
    const cost = costOf(outcome);
    yield {
      type: 'context-collapse',
      record,
      contextTokens: step.tokens,
      tokensAfter: after.tokens,
      ...(cost ? { cost } : {}),
    };
    return after;
  }

  /** The compaction step with its ledger, events and breaker; the new view, or undefined when it failed. */
  async *#compact(
    step: Step,
    request: Omit<CompactStepRequest, 'trigger'> & { trigger: CompactTrigger },
    limits: ContextThresholds,
  ): AsyncGenerator<LoopEvent, Step | undefined> {
    const compactor = this.#options.compactor;
    if (!compactor) return undefined;
    const outcome = await compactHistory({
      compactor,
      view: step.view,
      historyLength: request.history.length,
      prefix: request.prefix,
      trigger: request.trigger,
      contextTokens: step.tokens,
      ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
      signal: request.signal,
      keepTokens: Math.round(limits.autoCompact * keptShare[request.trigger]),
      attachmentChars: Math.round(limits.autoCompact * 0.2 * 4),
      estimate: (message) => this.meter.estimate(message),
      ...(this.#options.attachments ? { attachments: this.#options.attachments } : {}),
    });
    if (!outcome.ok) {
      // A Stop during the summary call is the person's doing, not a failure for the breaker.
      if (!request.signal.aborted) yield this.#failure(request.trigger, outcome.reason);
      return undefined;
    }
    this.#ledger = withCompaction(this.#ledger, outcome.record);
    this.#sendFrom = outcome.record.keepFrom;
    const after = this.#reproject(request);
    yield {
      type: 'context-compact',
      trigger: request.trigger,
      before: step.view.messages.length,
      after: after.view.messages.length,
      contextTokens: step.tokens,
      tokensAfter: after.tokens,
      summary: outcome.record.summary,
      record: outcome.record,
      ...(outcome.cost ? { cost: outcome.cost } : {}),
    };
    if (request.trigger === 'auto' && after.tokens > limits.autoCompact)
      yield this.#failure(
        'auto',
        'The summary and the turns it keeps are still over the auto-compaction threshold.',
      );
    else this.#failures = 0;
    return after;
  }

  #failure(trigger: CompactTrigger, reason: string): LoopEvent {
    if (trigger === 'auto') this.#failures += 1;
    const breakerOpen = this.#failures >= maxCompactFailures;
    return { type: 'compact-fail', trigger, reason, failures: this.#failures, breakerOpen };
  }

  #reproject(request: { history: readonly Message[]; fixedTokens: number }): Step {
    const view = this.view(request.history);
    return { view, tokens: this.#measure(view, request) };
  }
}
