import type { Message, UserBlock, UserMessage } from '../messages/message';
import type { ModelClient, ModelInfo, SystemBlock } from '../model/model-client';
import type { Clock, Fetcher, FileSearch, Logger, Shell, Workspace } from '../ports';
import type { PermissionGate } from '../execution/permission-gate';
import type { AfterToolCall } from '../execution/streaming-executor';
import type { LoopEvent, TerminalReason } from '../loop/loop-event';
import type { LoopState } from '../loop/loop-state';
import { query } from '../loop/query';
import type { RetryPolicy } from '../loop/retry-policy';
import type { TranscriptSink } from '../session/transcript-entry';
import { DirectFileWriter } from '../tools/direct-file-writer';
import { FileStateCache } from '../tools/file-state-cache';
import type { FileWriter } from '../tools/file-writer';
import type { AnyTool, SubagentRunner, ToolContext } from '../tools/tool';
import { historyHasReminder } from '../tools/tool-search/deferred-tools-reminder';
import { ToolCatalog } from '../tools/tool-search/tool-catalog';
import type { TodoItem } from '../todos/todo-store';
import { TodoStore } from '../todos/todo-store';

export interface AgentPorts {
  workspace: Workspace;
  shell: Shell;
  search: FileSearch;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
}

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
  transcript?: TranscriptSink;
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
  compact?(messages: readonly Message[], signal: AbortSignal): Promise<Message[] | undefined>;
  /** Tokens kept free below the window before auto-compaction (output reserve plus a buffer). */
  compactReserveTokens?: number;
  /** Runs sub-agents for the Task tool; absent for a sub-agent itself. */
  subagents?: SubagentRunner;
}

/**
 * One conversation: its history, todos, what it has read and where its shell stands. `submit` runs
 * the loop for one message from the person. One submit at a time; the caller serialises.
 */
export class Agent {
  readonly sessionId: string;
  readonly todos: TodoStore;
  readonly fileState = new FileStateCache();
  readonly shellState: { cwd: string };
  #messages: Message[];
  readonly #catalog: ToolCatalog;
  #turns = 0;
  #running = false;
  readonly #options: AgentOptions;

  constructor(options: AgentOptions) {
    this.#options = options;
    this.sessionId = options.sessionId;
    this.#messages = [...(options.history ?? [])];
    const external = options.externalTools;
    this.#catalog = new ToolCatalog({
      tools: options.tools,
      ...(external ? { deferrable: external } : {}),
      ...(options.toolSearchBudgetTokens === undefined
        ? {}
        : { budgetTokens: options.toolSearchBudgetTokens }),
    });
    this.todos = new TodoStore(options.todos ?? []);
    this.shellState = { cwd: options.cwd };
  }

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
      this.#running = false;
    }
  }

  async *#run(prompt: string | UserBlock[], signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason> {
    const options = this.#options;
    const info = this.model;
    const blocks: UserBlock[] = typeof prompt === 'string' ? [{ type: 'text', text: prompt }] : prompt;
    const promptText = blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
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
    this.#append(userMessage);
    yield { type: 'message-append', message: userMessage };
    let loopState: LoopState | undefined;
    const maxTokens = options.maxTokens ?? Math.min(16_384, info.maxOutputTokens);
    const loop = query({
      messages: this.#messages,
      system: await options.system(info),
      tools: this.#catalog.tools,
      toolDefinitions: () => this.#catalog.definitions(),
      client: options.client,
      model: options.model,
      fallbackModel: options.fallbackModel,
      maxTokens,
      maxOutputTokens: info.maxOutputTokens,
      maxTurns: options.maxTurns,
      thinkingBudget: options.thinkingBudget,
      retry: options.retry,
      gate: options.gate,
      contextFor: (toolUseId, toolSignal) => this.#contextFor(toolUseId, toolSignal, info),
      clock: options.ports.clock,
      signal,
      reminders: async (state) => [
        ...(options.reminders ? await options.reminders(state, this) : []),
        ...this.#catalogReminder(state.messages),
      ],
      onStop: options.onStop,
      compact: options.compact,
      autoCompactTokens: info.contextWindow - (options.compactReserveTokens ?? maxTokens + 13_000),
      afterToolCall: options.afterToolCall,
      onState: (state) => {
        loopState = state;
      },
    });
    for (;;) {
      const step = await loop.next();
      if (loopState) this.#turns = loopState.turnCount;
      if (step.done) {
        if (loopState) this.#messages = loopState.messages;
        return step.value;
      }
      const event = step.value;
      if (event.type === 'message-append') this.#append(event.message);
      if (event.type === 'context-compact' && loopState) this.#messages = [...loopState.messages];
      yield event;
      if (event.type === 'tool-execution-end' && event.name === 'TodoWrite' && !event.result.isError) {
        options.transcript?.append({
          type: 'todos',
          todos: [...this.todos.todos],
          timestamp: options.ports.clock.now(),
        });
        yield { type: 'todos-change', todos: this.todos.todos };
      }
    }
  }

  /** The deferred-tools list, when the history does not carry it (yet, or since a compaction). */
  #catalogReminder(history: readonly Message[] = this.#messages): string[] {
    const reminder = this.#catalog.reminder();
    return reminder !== undefined && !historyHasReminder(history, reminder) ? [reminder] : [];
  }

  #append(message: Message): void {
    this.#messages.push(message);
    this.#persist(message);
  }

  #persist(message: Message): void {
    this.#options.transcript?.append({
      type: 'message',
      message,
      timestamp: this.#options.ports.clock.now(),
    });
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
      turn: this.#turns,
    };
  }
}
