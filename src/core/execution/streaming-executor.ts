import type { ToolResultBlock, ToolUseBlock } from '../messages/message';
import type { LoopEvent } from '../loop/loop-event';
import type { AnyTool, ToolContext, ToolResult } from '../tools/tool';
import { AsyncQueue } from './async-queue';
import { formatInputError } from './format-input-error';
import type { PermissionGate } from './permission-gate';

export interface StreamingExecutorOptions {
  tools: ReadonlyMap<string, AnyTool>;
  gate: PermissionGate;
  /** Builds the context of one call; `signal` is that call's own. */
  contextFor(toolUseId: string, signal: AbortSignal): ToolContext;
  /** The turn's signal: aborting it interrupts every call. */
  signal: AbortSignal;
  now(): number;
  /** Sees each finished call and may amend its result (PostToolUse hooks, lazy memory). Must not throw. */
  afterCall?: AfterToolCall;
}

/** A finished call as `afterCall` sees it. */
export interface FinishedToolCall {
  tool: AnyTool;
  input: unknown;
  result: ToolResult;
  context: ToolContext;
}

export type AfterToolCall = (call: FinishedToolCall) => Promise<ToolResult>;

interface TrackedCall {
  block: ToolUseBlock;
  tool: AnyTool | undefined;
  input: unknown;
  /** Set when the input cannot run at all: unknown tool, bad JSON, schema failure. */
  inputError?: string;
  concurrencySafe: boolean;
  status: 'queued' | 'running' | 'done';
  controller: AbortController;
  result?: ToolResult;
  done?: Promise<void>;
}

const interruptedMessage = 'The person interrupted this tool call before it finished.';

/**
 * Runs tool calls as their blocks complete in the stream. Consecutive concurrency-safe calls run
 * together; an unsafe call waits for the running ones and then runs alone; calls start in order.
 * Results are returned in call order. A failing Bash call aborts its running siblings.
 */
export class StreamingExecutor {
  readonly #calls: TrackedCall[] = [];
  readonly #events = new AsyncQueue<LoopEvent>();
  readonly #siblingAbort = new AbortController();
  readonly #options: StreamingExecutorOptions;
  #aborting = false;

  constructor(options: StreamingExecutorOptions) {
    this.#options = options;
  }

  get hasCalls(): boolean {
    return this.#calls.length > 0;
  }

  /** Events produced since the last call, without waiting. */
  takeEvents(): LoopEvent[] {
    return this.#events.takeAll();
  }

  /** Adds a complete tool_use block; it starts as soon as the ordering rules allow. */
  add(block: ToolUseBlock, rawInputError?: string): void {
    const tool = this.#options.tools.get(block.name);
    const call: TrackedCall = {
      block,
      tool,
      input: block.input,
      concurrencySafe: false,
      status: 'queued',
      controller: new AbortController(),
    };
    if (!tool) {
      const known = [...this.#options.tools.keys()].join(', ');
      call.inputError = `No tool named "${block.name}". Available tools: ${known}.`;
    } else if (rawInputError !== undefined) {
      call.inputError = `The arguments for ${block.name} were not valid JSON (${rawInputError}). Send the call again with a complete JSON object.`;
    } else {
      const parsed = tool.inputSchema.safeParse(block.input);
      if (!parsed.success) call.inputError = formatInputError(block.name, parsed.error);
      else {
        call.input = parsed.data;
        call.concurrencySafe = safely(() => tool.isConcurrencySafe(parsed.data), false);
      }
    }
    // An invalid call touches nothing, so it never blocks its neighbours.
    if (call.inputError !== undefined) call.concurrencySafe = true;
    this.#calls.push(call);
    this.#schedule();
  }

  /**
   * Waits for every call, yielding their events, and returns one result block per call in call
   * order. After an abort, unfinished calls get an "interrupted" error result.
   */
  async *drain(): AsyncGenerator<LoopEvent, ToolResultBlock[]> {
    for (;;) {
      yield* this.#events.takeAll();
      const pending = this.#calls.filter((call) => call.status !== 'done');
      if (pending.length === 0) break;
      const running = pending.flatMap((call) => (call.done ? [call.done] : []));
      await this.#events.wait(running.length > 0 ? Promise.race(running) : new Promise(() => {}));
    }
    yield* this.#events.takeAll();
    return this.#calls.map((call) => toResultBlock(call));
  }

  /** Aborts every running call and marks queued ones interrupted. */
  abortAll(reason = interruptedMessage): void {
    this.#aborting = true;
    for (const call of this.#calls) {
      if (call.status === 'queued') this.#finish(call, { content: reason, isError: true }, 0);
      else if (call.status === 'running') call.controller.abort(new Error(reason));
    }
  }

  #schedule(): void {
    if (this.#aborting) return;
    for (const call of this.#calls) {
      if (call.status !== 'queued') continue;
      const running = this.#calls.filter((other) => other.status === 'running');
      const canStart =
        running.length === 0 || (call.concurrencySafe && running.every((other) => other.concurrencySafe));
      if (!canStart) break; // calls start in order: a waiting call holds back those after it
      this.#start(call);
    }
  }

  #start(call: TrackedCall): void {
    call.status = 'running';
    const startedAt = this.#options.now();
    const { signal: turnSignal } = this.#options;
    const signal = AbortSignal.any([turnSignal, this.#siblingAbort.signal, call.controller.signal]);
    call.done = this.#run(call, signal).then(
      (result) => this.#finish(call, result, this.#options.now() - startedAt),
      (error: unknown) =>
        this.#finish(
          call,
          signal.aborted
            ? { content: abortReason(signal), isError: true }
            : { content: `${call.block.name} failed unexpectedly: ${describe(error)}`, isError: true },
          this.#options.now() - startedAt,
        ),
    );
  }

  async #run(call: TrackedCall, signal: AbortSignal): Promise<ToolResult> {
    const { tool, block } = call;
    this.#events.push({
      type: 'tool-execution-start',
      toolUseId: block.id,
      name: block.name,
      input: call.input,
      summary: call.inputError === undefined && tool ? safely(() => tool.summarize(call.input), '') : '',
    });
    if (call.inputError !== undefined || !tool)
      return { content: call.inputError ?? 'Unknown tool.', isError: true };
    let context = this.#options.contextFor(block.id, signal);
    const decision = await this.#options.gate.check(tool, call.input, context);
    if (decision.behavior === 'deny') return { content: decision.message, isError: true };
    if (decision.writer) context = { ...context, writer: decision.writer };
    if (signal.aborted) return { content: abortReason(signal), isError: true };
    const generator = tool.call(call.input, context);
    for (;;) {
      const step = await generator.next();
      if (step.done) {
        // Results over their tool's limit are the context pipeline's (saved, or cut) as they enter the history.
        const result = signal.aborted ? explainAbort(step.value, signal) : step.value;
        const { afterCall } = this.#options;
        return afterCall && !signal.aborted
          ? afterCall({ tool, input: call.input, result, context })
          : result;
      }
      this.#events.push({ type: 'tool-execution-progress', toolUseId: block.id, text: step.value.text });
      if (signal.aborted) {
        await generator.return({ content: abortReason(signal), isError: true });
        return { content: abortReason(signal), isError: true };
      }
    }
  }

  #finish(call: TrackedCall, result: ToolResult, durationMs: number): void {
    if (call.status === 'done') return;
    call.status = 'done';
    call.result = result;
    this.#events.push({
      type: 'tool-execution-end',
      toolUseId: call.block.id,
      name: call.block.name,
      result,
      durationMs,
    });
    if (result.isError && call.tool?.abortsSiblingsOnFailure && !this.#options.signal.aborted) {
      this.#siblingAbort.abort(
        new Error(`Cancelled: a sibling ${call.block.name} call (${call.block.id}) failed.`),
      );
    }
    this.#schedule();
  }
}

function toResultBlock(call: TrackedCall): ToolResultBlock {
  const result = call.result ?? { content: interruptedMessage, isError: true };
  return { type: 'tool_result', toolUseId: call.block.id, content: result.content, isError: result.isError };
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.message) return reason.message;
  return interruptedMessage;
}

/** A tool that returned after its signal fired: say why it stopped, keep what it produced. */
function explainAbort(result: ToolResult, signal: AbortSignal): ToolResult {
  const partial =
    typeof result.content === 'string' && result.content.trim() !== ''
      ? `\nOutput so far:\n${result.content}`
      : '';
  return { ...result, content: `${abortReason(signal)}${partial}`, isError: true };
}

function safely<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
