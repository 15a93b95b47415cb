import type { Message, UserBlock, UserMessage } from '../messages/message';
import type { ModelClient, ModelInfo, SystemBlock } from '../model/model-client';
import type { Clock, Fetcher, FileSearch, Logger, Shell, ToolResultStore, Workspace } from '../ports';
import type { PermissionGate } from '../execution/permission-gate';
import type { AfterToolCall } from '../execution/streaming-executor';
import type { Compactor, SpanSummarizer, SummaryPrefix } from '../context/compactor';
import { ContextMeter } from '../context/context-meter';
import { estimateTokens } from '../context/estimate-tokens';
import { ContextPipeline } from '../context/pipeline/context-pipeline';
import type { ContextPipelineOptions } from '../context/pipeline/context-pipeline-options';
import type { ContextLedger } from '../context/pipeline/context-ledger';
import type { LoopEvent, TerminalReason } from '../loop/loop-event';
import type { LoopState } from '../loop/loop-state';
import { query } from '../loop/query';
import type { QueryOptions } from '../loop/query';
import type { RetryPolicy } from '../loop/retry-policy';
import { contextEntryOf } from '../session/context-entries';
import type { TranscriptSink } from '../session/transcript-entry';
import { TranscriptRecorder } from '../session/transcript-recorder';
import { DirectFileWriter } from '../tools/direct-file-writer';
import { FileStateCache } from '../tools/file-state-cache';
import type { FileWriter } from '../tools/file-writer';
import type { AnyTool, SubagentRunner, ToolContext } from '../tools/tool';
import { historyHasReminder } from '../tools/tool-search/deferred-tools-reminder';
import { ToolCatalog } from '../tools/tool-search/tool-catalog';
import type { CheckpointRecorder } from '../checkpoints/checkpoint-recorder';
import { checkpointedTurn } from '../checkpoints/checkpointed-turn';
import type { TodoItem } from '../todos/todo-store';
import { TodoStore } from '../todos/todo-store';
import { UsageLedger } from '../usage/usage-ledger';
import { agentAttachments } from './agent-attachments';

/** The event of a compaction. */
export type ContextCompactEvent = Extract<LoopEvent, { type: 'context-compact' }>;

/** What `/compact` came to: the compaction, or why there was none, in words for the person. */
export type CompactResult = { ok: true; event: ContextCompactEvent } | { ok: false; reason: string };

/** How the context pipeline is tuned (all optional; see `ContextPipelineOptions`). */
export type ContextTuning = Pick<
  ContextPipelineOptions,
  'bufferTokens' | 'thresholds' | 'autoCompact' | 'cacheTtlMs' | 'keepRecentResults'
>;

/** The I/O an agent's tools reach, behind the core's ports; shared with its sub-agents. */
export interface AgentPorts {
  workspace: Workspace;
  shell: Shell;
  search: FileSearch;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
}

/** What one conversation is built from; the callbacks are the harness around the loop (hooks, reminders). */
export interface AgentOptions {
  sessionId: string;
  client: ModelClient;
  model: string;
  fallbackModel?: string;
  maxTurns: number;
  /** Output tokens per call; defaults to the lesser of 16k and the model's limit. */
  maxTokens?: number;
  thinkingBudget?: number;
  retry?: RetryPolicy;
  /** The tools offered, already chosen for the model (Edit or ApplyPatch). */
  tools: readonly AnyTool[];
  /**
   * Tools of MCP servers, fetched when each submit builds its tool list (the first call starts the
   * servers). Past `toolSearchBudgetTokens` they are deferred behind ToolSearch.
   */
  externalTools?(signal: AbortSignal): Promise<readonly AnyTool[]>;
  /** Estimated tokens external tool definitions may take before they are deferred; default 2,000. */
  toolSearchBudgetTokens?: number;
  ports: AgentPorts;
  gate: PermissionGate;
  /** Used when the gate does not choose one; defaults to writing at once. */
  writer?: FileWriter;
  cwd: string;
  /** Builds the system prompt once per submit (sections memoise themselves). */
  system(model: ModelInfo): Promise<SystemBlock[]>;
  /** Where the session is saved; the answer is written as it streams (see TranscriptRecorder). */
  transcript?: TranscriptSink;
  /** How long streamed text may wait before it is written, in ms; default 200. */
  transcriptFlushMs?: number;
  /** A resumed session's history, todos, and what its context pipeline compacted and collapsed. */
  history?: readonly Message[];
  todos?: readonly TodoItem[];
  contextLedger?: ContextLedger;
  reminders?(state: LoopState, agent: Agent): Promise<string[]>;
  /**
   * Runs before the person's message is sent: UserPromptSubmit hooks and reminders (selection,
   * open file, changed files). `blocked` stops the message from reaching the model.
   */
  onPrompt?(
    prompt: string,
    agent: Agent,
    signal: AbortSignal,
  ): Promise<{ blocked?: string; reminders: string[] }>;
  afterToolCall?: AfterToolCall;
  onStop?(state: LoopState): Promise<string | undefined>;
  /** Summarises the conversation when it no longer fits (auto, reactive) or when the person asks (manual). */
  compact?: Compactor;
  /** Summarises a span of older turns (context collapse), on a small model. */
  collapse?: SpanSummarizer;
  /** Keeps tool results too long for the context, for a later Read. */
  toolResults?: ToolResultStore;
  contextTuning?: ContextTuning;
  /**
   * More to re-attach after a compaction's summary: what the host holds (the plan, edits waiting
   * for review). The todo list and recently read files are re-attached by the agent itself.
   */
  compactionAttachments?(): Promise<string[]>;
  /**
   * Auto-compact once the context passes this share of the window, in percent, when that comes
   * sooner than the reserve does (Claude Code's `CLAUDE_AUTOCOMPACT_PCT_OVERRIDE`: lower only).
   */
  autoCompactPercent?: number;
  /** Runs sub-agents for the Task tool; absent for a sub-agent itself. */
  subagents?: SubagentRunner;
  /**
   * Takes a checkpoint around every submit (the files before the turn, a marker in the transcript);
   * the ports' Workspace and the execute tools must be the recorder's decorated ones.
   */
  checkpoints?: CheckpointRecorder;
  /** Where this agent's model calls are counted; a sub-agent is given its parent's. Default: its own. */
  usage?: UsageLedger;
}

/**
 * One conversation: its history, todos, what it has read and where its shell stands. `submit` runs
 * the loop for one message from the person. One submit at a time; the caller serialises.
 *
 * The agent owns the history once: the loop appends to the agent's own array, and nothing rewrites
 * it — compaction, collapse and the other layers of its context pipeline change only what each
 * request carries, and are saved as transcript entries of their own. Every change of the todo
 * list, by whichever tool, is persisted and announced as a `todos-change` event.
 */
export class Agent {
  readonly sessionId: string;
  readonly todos: TodoStore;
  readonly fileState = new FileStateCache();
  readonly shellState: { cwd: string };
  /** Every model call of the session (sub-agents' included when they share it) and its cost. */
  readonly usage: UsageLedger;
  readonly #messages: Message[];
  readonly #catalog: ToolCatalog;
  readonly #context: ContextPipeline;
  readonly #recorder: TranscriptRecorder | undefined;
  readonly #options: AgentOptions;
  #turn = 0;
  #running = false;
  #todosChanged = false;

  constructor(options: AgentOptions) {
    this.#options = options;
    this.sessionId = options.sessionId;
    this.#messages = [...(options.history ?? [])];
    this.#recorder =
      options.transcript &&
      new TranscriptRecorder({
        sink: options.transcript,
        clock: options.ports.clock,
        ...(options.transcriptFlushMs === undefined ? {} : { flushMs: options.transcriptFlushMs }),
      });
    this.usage = options.usage ?? new UsageLedger();
    const external = options.externalTools;
    this.#catalog = new ToolCatalog({
      tools: options.tools,
      ...(external ? { deferrable: external } : {}),
      ...(options.toolSearchBudgetTokens === undefined
        ? {}
        : { budgetTokens: options.toolSearchBudgetTokens }),
    });
    this.#context = new ContextPipeline({
      describe: (model) => options.client.describe(model),
      tools: () => this.#catalog.tools,
      clock: options.ports.clock,
      meter: new ContextMeter(this.model.imageTokens),
      ...(options.compact ? { compactor: options.compact } : {}),
      ...(options.collapse ? { collapser: options.collapse } : {}),
      ...(options.toolResults ? { store: options.toolResults } : {}),
      ...(options.contextLedger ? { ledger: options.contextLedger } : {}),
      ...options.contextTuning,
      ...(options.autoCompactPercent === undefined ? {} : { autoCompactPercent: options.autoCompactPercent }),
      attachments: (request) =>
        agentAttachments({
          ...request,
          todos: this.todos.todos,
          tools: options.tools,
          contextFor: (signal) => this.#contextFor('compaction-read', signal, this.model),
          extra: options.compactionAttachments,
        }),
    });
    this.todos = new TodoStore(options.todos ?? []);
    this.todos.onDidChange((todos) => this.#onTodosChange(todos));
    this.shellState = { cwd: options.cwd };
  }

  /** The whole history, as the transcript keeps it: compaction does not shorten it. */
  get messages(): readonly Message[] {
    return this.#messages;
  }

  /** What the next request would carry before its layers run: the history through the context ledger. */
  get contextMessages(): readonly Message[] {
    return this.#context.view(this.#messages).messages;
  }

  get model(): ModelInfo {
    return this.#options.client.describe(this.#options.model);
  }

  get running(): boolean {
    return this.#running;
  }

  async *submit(
    prompt: string | UserBlock[],
    signal: AbortSignal,
  ): AsyncGenerator<LoopEvent, TerminalReason> {
    if (this.#running) throw new Error('Agent.submit called while a turn is running');
    this.#running = true;
    try {
      const { checkpoints, transcript, ports } = this.#options;
      if (!checkpoints) return yield* this.#run(prompt, signal);
      const turn = {
        recorder: checkpoints,
        transcript,
        prompt: textOf(prompt),
        now: () => ports.clock.now(),
      };
      return yield* checkpointedTurn(turn, () => this.#run(prompt, signal));
    } finally {
      this.#recorder?.end();
      this.#running = false;
    }
  }

  /**
   * Compacts now because the person asked (`/compact [instructions]`): PreCompact hooks see the
   * `manual` trigger, and a success closes the auto-compaction breaker. The compaction is saved in
   * the transcript like any other. Not while a submit runs, and no submit may start until it ends.
   */
  async compact(request: { signal: AbortSignal; instructions?: string }): Promise<CompactResult> {
    if (this.#running) throw new Error('Agent.compact called while a turn is running');
    if (!this.#options.compact) return { ok: false, reason: 'This session has no compactor.' };
    if (this.#messages.length === 0) return { ok: false, reason: 'There is nothing to compact yet.' };
    this.#running = true;
    try {
      return await this.#compactNow(request);
    } finally {
      this.#running = false;
    }
  }

  async #compactNow(request: { signal: AbortSignal; instructions?: string }): Promise<CompactResult> {
    const info = this.model;
    const system = await this.#options.system(info);
    // The definitions the last request sent, so the summary call reuses its cached prefix.
    const tools = this.#catalog.definitions();
    const prefix: SummaryPrefix = {
      model: this.#options.model,
      system,
      tools,
      ...(this.#options.thinkingBudget === undefined ? {} : { thinkingBudget: this.#options.thinkingBudget }),
    };
    const steps = this.#context.compact({
      trigger: 'manual',
      history: this.#messages,
      prefix,
      outputReserve: this.#maxTokens(info),
      fixedTokens: estimateTokens(system.map((block) => block.text).join('\n') + JSON.stringify(tools)),
      ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
      signal: request.signal,
    });
    let result: CompactResult = { ok: false, reason: 'The compaction did not run.' };
    for await (const event of steps) {
      this.#persistContext(event);
      if (event.type === 'context-compact') result = { ok: true, event };
      if (event.type === 'compact-fail') result = { ok: false, reason: event.reason };
    }
    return result;
  }

  async *#run(prompt: string | UserBlock[], signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason> {
    const options = this.#options;
    const blocks: UserBlock[] = typeof prompt === 'string' ? [{ type: 'text', text: prompt }] : prompt;
    const promptText = textOf(prompt);
    const { blocked, reminders } = options.onPrompt
      ? await options.onPrompt(promptText, this, signal)
      : { blocked: undefined, reminders: [] };
    if (blocked !== undefined) {
      yield { type: 'prompt-block', reason: blocked };
      return 'completed';
    }
    await this.#catalog.refresh(signal);
    const userMessage: UserMessage = {
      role: 'user',
      content: [
        ...blocks,
        ...[...reminders, ...this.#catalogReminder()].map((text) => ({ type: 'text' as const, text })),
      ],
    };
    this.#messages.push(userMessage);
    this.#persist(userMessage);
    yield { type: 'message-append', message: userMessage };
    const info = this.model;
    const run = this.#queryOptions({ info, system: await options.system(info), signal });
    await this.#countResumedContext(run);
    const loop = query(run);
    for (;;) {
      const step = await loop.next();
      if (step.done) {
        yield* this.#announceTodos();
        return step.value;
      }
      const event = step.value;
      if (event.type === 'turn-start') this.#turn = event.turn;
      if (event.type === 'message-end')
        this.usage.record(options.client.describe(event.message.model ?? info.id), event.usage);
      this.#persistContext(event);
      this.#recorder?.observe(event);
      yield event;
      yield* this.#announceTodos();
    }
  }

  #maxTokens(info: ModelInfo): number {
    return this.#options.maxTokens ?? Math.min(16_384, info.maxOutputTokens);
  }

  #queryOptions(run: { info: ModelInfo; system: SystemBlock[]; signal: AbortSignal }): QueryOptions {
    const options = this.#options;
    const maxTokens = this.#maxTokens(run.info);
    return {
      messages: this.#messages,
      system: run.system,
      tools: this.#catalog.tools,
      toolDefinitions: () => this.#catalog.definitions(),
      client: options.client,
      model: options.model,
      fallbackModel: options.fallbackModel,
      maxTokens,
      maxOutputTokens: run.info.maxOutputTokens,
      maxTurns: options.maxTurns,
      thinkingBudget: options.thinkingBudget,
      retry: options.retry,
      gate: options.gate,
      contextFor: (toolUseId, toolSignal) => this.#contextFor(toolUseId, toolSignal, run.info),
      clock: options.ports.clock,
      signal: run.signal,
      reminders: async (state) => [
        ...(options.reminders ? await options.reminders(state, this) : []),
        ...this.#catalogReminder(state.messages),
      ],
      onStop: options.onStop,
      context: this.#context,
      afterToolCall: options.afterToolCall,
    };
  }

  /** The deferred-tools list, when the history does not carry it (yet, or since a compaction). */
  #catalogReminder(history: readonly Message[] = this.#messages): string[] {
    const reminder = this.#catalog.reminder();
    return reminder !== undefined && !historyHasReminder(history, reminder) ? [reminder] : [];
  }

  /**
   * A request no provider count covers yet (a resumed or compacted session) is counted exactly once
   * with the provider's count_tokens, when it has one and the estimate comes within half of the
   * auto-compaction threshold: there the estimate alone could let an over-long request through.
   * What is counted is what the request will carry: the history through the context ledger.
   */
  async #countResumedContext(run: QueryOptions): Promise<void> {
    const client = this.#options.client;
    const view = this.#context.view(this.#messages).messages;
    const meter = this.#context.meter;
    if (!client.countTokens || view.length < 2 || !meter.isUncounted(view)) return;
    const threshold = this.#context.thresholds(run.model, run.maxTokens).autoCompact;
    if (meter.measure(view, 0) < threshold / 2) return;
    const tokens = await client.countTokens({
      model: run.model,
      system: run.system,
      messages: [...view],
      tools: run.toolDefinitions(),
      maxTokens: run.maxTokens,
      signal: run.signal,
    });
    if (tokens !== undefined) meter.recordCount(view, tokens);
  }

  /** Persisted at once; announced between loop events while a submit runs. */
  #onTodosChange(todos: readonly TodoItem[]): void {
    this.#options.transcript?.append({
      type: 'todos',
      todos: [...todos],
      timestamp: this.#options.ports.clock.now(),
    });
    if (this.#running) this.#todosChanged = true;
  }

  async *#announceTodos(): AsyncGenerator<LoopEvent, void> {
    if (!this.#todosChanged) return;
    this.#todosChanged = false;
    yield { type: 'todos-change', todos: this.todos.todos };
  }

  /**
   * Compactions and collapses are saved as entries of their own, where they happened, so resume
   * replays them; what their summary calls cost goes in the ledger with the model that made them.
   */
  #persistContext(event: LoopEvent): void {
    const entry = contextEntryOf(event, this.#options.ports.clock.now());
    if (entry) this.#options.transcript?.append(entry);
    const cost =
      event.type === 'context-compact' || event.type === 'context-collapse' ? event.cost : undefined;
    if (cost) this.usage.record(this.#options.client.describe(cost.model), cost.usage);
  }

  #persist(message: Message): void {
    this.#recorder?.message(message);
  }

  #contextFor(toolUseId: string, signal: AbortSignal, model: ModelInfo): ToolContext {
    const { ports } = this.#options;
    return {
      toolUseId,
      signal,
      cwd: this.#options.cwd,
      workspace: ports.workspace,
      shell: ports.shell,
      search: ports.search,
      fetcher: ports.fetcher,
      clock: ports.clock,
      logger: ports.logger,
      fileState: this.fileState,
      writer: this.#options.writer ?? new DirectFileWriter(ports.workspace),
      todos: this.todos,
      model,
      shellState: this.shellState,
      ...(this.#options.subagents ? { subagents: this.#options.subagents } : {}),
      ...(this.#options.toolResults ? { results: this.#options.toolResults } : {}),
      turn: this.#turn,
    };
  }
}

/** The text of a prompt, without its images. */
function textOf(prompt: string | UserBlock[]): string {
  if (typeof prompt === 'string') return prompt;
  return prompt.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}
