import type { Message, UserBlock, UserMessage } from '../messages/message';
import type { ModelClient, ModelInfo, SystemBlock } from '../model/model-client';
import type { Clock, Fetcher, FileSearch, Logger, Shell, Workspace } from '../ports';
import type { PermissionGate } from '../execution/permission-gate';
import type { AfterToolCall } from '../execution/streaming-executor';
import type { Compactor } from '../context/compactor';
import { ContextMeter } from '../context/context-meter';
import type { ContextCompactEvent } from '../loop/compact-history';
import { compactHistory } from '../loop/compact-history';
import type { LoopEvent, TerminalReason } from '../loop/loop-event';
import type { LoopState } from '../loop/loop-state';
import { query } from '../loop/query';
import type { QueryOptions } from '../loop/query';
import type { RetryPolicy } from '../loop/retry-policy';
import type { TranscriptSink } from '../session/transcript-entry';
import { TranscriptRecorder } from '../session/transcript-recorder';
import { DirectFileWriter } from '../tools/direct-file-writer';
import { FileStateCache } from '../tools/file-state-cache';
import type { FileWriter } from '../tools/file-writer';
import type { AnyTool, SubagentRunner, ToolContext } from '../tools/tool';
import { toolDefinitions } from '../tools/tool-definitions';
import type { TodoItem } from '../todos/todo-store';
import { TodoStore } from '../todos/todo-store';
import { UsageLedger } from '../usage/usage-ledger';

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
  /** A resumed session's history and todos. */
  history?: readonly Message[];
  todos?: readonly TodoItem[];
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
  /** Summarises the history when it no longer fits (auto, reactive) or when the person asks (manual). */
  compact?: Compactor;
  /** Tokens kept free below the window before auto-compaction (output reserve plus a buffer). */
  compactReserveTokens?: number;
  /**
   * Auto-compact once the context passes this share of the window, in percent, when that comes
   * sooner than the reserve does (Claude Code's `CLAUDE_AUTOCOMPACT_PCT_OVERRIDE`: lower only).
   */
  autoCompactPercent?: number;
  /** Runs sub-agents for the Task tool; absent for a sub-agent itself. */
  subagents?: SubagentRunner;
  /** Where this agent's model calls are counted; a sub-agent is given its parent's. Default: its own. */
  usage?: UsageLedger;
}

/**
 * One conversation: its history, todos, what it has read and where its shell stands. `submit` runs
 * the loop for one message from the person. One submit at a time; the caller serialises.
 *
 * The agent owns the history once: the loop appends to the agent's own array and compaction
 * replaces it in place, so nothing is copied back and forth. Every change of the todo list, by
 * whichever tool, is persisted and announced as a `todos-change` event.
 */
export class Agent {
  readonly sessionId: string;
  readonly todos: TodoStore;
  readonly fileState = new FileStateCache();
  readonly shellState: { cwd: string };
  /** Every model call of the session (sub-agents' included when they share it) and its cost. */
  readonly usage: UsageLedger;
  readonly #messages: Message[];
  readonly #meter: ContextMeter;
  readonly #recorder: TranscriptRecorder | undefined;
  readonly #options: AgentOptions;
  #turn = 0;
  #running = false;
  #todosChanged = false;

  constructor(options: AgentOptions) {
    this.#options = options;
    this.sessionId = options.sessionId;
    this.#messages = [...(options.history ?? [])];
    this.#meter = new ContextMeter(this.model.imageTokens);
    this.#recorder =
      options.transcript &&
      new TranscriptRecorder({
        sink: options.transcript,
        clock: options.ports.clock,
        ...(options.transcriptFlushMs === undefined ? {} : { flushMs: options.transcriptFlushMs }),
      });
    this.usage = options.usage ?? new UsageLedger();
    this.todos = new TodoStore(options.todos ?? []);
    this.todos.onDidChange((todos) => this.#onTodosChange(todos));
    this.shellState = { cwd: options.cwd };
  }

  /** The history as the model sees it next (after any compaction). */
  get messages(): readonly Message[] {
    return this.#messages;
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
      return yield* this.#run(prompt, signal);
    } finally {
      this.#recorder?.end();
      this.#running = false;
    }
  }

  /**
   * Compacts the history now because the person asked (`/compact [instructions]`); PreCompact hooks
   * see the `manual` trigger. Returns the compaction's event, or undefined when there is no
   * compactor or it did not compact. Not while a submit runs.
   */
  async compact(request: {
    signal: AbortSignal;
    instructions?: string;
  }): Promise<ContextCompactEvent | undefined> {
    if (this.#running) throw new Error('Agent.compact called while a turn is running');
    if (!this.#options.compact || this.#messages.length === 0) return undefined;
    return compactHistory(this.#options.compact, {
      history: this.#messages,
      trigger: 'manual',
      // The last reported usage covers the system prompt; without one the estimate leaves it out.
      contextTokens: this.#meter.measure(this.#messages, 0),
      ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
      signal: request.signal,
    });
  }

  async *#run(prompt: string | UserBlock[], signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason> {
    const options = this.#options;
    const blocks: UserBlock[] = typeof prompt === 'string' ? [{ type: 'text', text: prompt }] : prompt;
    const promptText = blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
    const { blocked, reminders } = options.onPrompt
      ? await options.onPrompt(promptText, this, signal)
      : { blocked: undefined, reminders: [] };
    if (blocked !== undefined) {
      yield { type: 'prompt-block', reason: blocked };
      return 'completed';
    }
    const userMessage: UserMessage = {
      role: 'user',
      content: [...blocks, ...reminders.map((text) => ({ type: 'text' as const, text }))],
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
      this.#recorder?.observe(event);
      yield event;
      yield* this.#announceTodos();
    }
  }

  #queryOptions(run: { info: ModelInfo; system: SystemBlock[]; signal: AbortSignal }): QueryOptions {
    const options = this.#options;
    const maxTokens = options.maxTokens ?? Math.min(16_384, run.info.maxOutputTokens);
    return {
      messages: this.#messages,
      system: run.system,
      tools: options.tools,
      toolDefinitions: toolDefinitions(options.tools),
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
      reminders: options.reminders ? (state) => options.reminders!(state, this) : undefined,
      onStop: options.onStop,
      compact: options.compact,
      autoCompactTokens: Math.min(
        run.info.contextWindow - (options.compactReserveTokens ?? maxTokens + 13_000),
        Math.floor((run.info.contextWindow * (options.autoCompactPercent ?? 100)) / 100),
      ),
      contextMeter: this.#meter,
      afterToolCall: options.afterToolCall,
    };
  }

  /**
   * A history no provider count covers yet (a resumed or compacted session) is counted exactly once
   * with the provider's count_tokens, when it has one and the estimate comes within half of the
   * auto-compaction threshold: there the estimate alone could let an over-long request through.
   */
  async #countResumedContext(run: QueryOptions): Promise<void> {
    const client = this.#options.client;
    const last = this.#messages.at(-1);
    if (!client.countTokens || !last || this.#messages.length < 2) return;
    if (!this.#meter.isUncounted(this.#messages)) return;
    const threshold = run.autoCompactTokens ?? Number.POSITIVE_INFINITY;
    if (this.#meter.measure(this.#messages, 0) < threshold / 2) return;
    const tokens = await client.countTokens({
      model: run.model,
      system: run.system,
      messages: this.#messages,
      tools: run.toolDefinitions,
      maxTokens: run.maxTokens,
      signal: run.signal,
    });
    if (tokens !== undefined) this.#meter.recordCount(last, tokens);
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
      turn: this.#turn,
    };
  }
}
