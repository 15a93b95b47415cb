import type { ContentBlock, Message, Usage } from '../core/messages/message';
import type { LoopEvent, TerminalReason } from '../core/loop/loop-event';
import type { ModelInfo } from '../core/model/model-client';
import type { ModelUsage, UsageLedger } from '../core/usage/usage-ledger';

export type OutputFormat = 'text' | 'json' | 'stream-json';

export interface RunInfo {
  sessionId: string;
  cwd: string;
  model: ModelInfo;
  tools: string[];
  permissionMode: string;
  /** The session's token accounting (sub-agents included): the result's usage and cost. */
  usage: UsageLedger;
}

/** Anthropic's wire shape of a block, as Claude Code's stream-json prints it. */
function wireBlock(block: ContentBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'image':
      return { type: 'image', source: { type: 'base64', media_type: block.mediaType, data: block.data } };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.toolUseId,
        content: typeof block.content === 'string' ? block.content : block.content.map(wireBlock),
        is_error: block.isError,
      };
  }
}

function wireUsage(usage: Usage): Record<string, number> {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheCreationTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
  };
}

/** One model's entry of `modelUsage`, in Claude Code's field names. */
function wireModelUsage(entry: ModelUsage): Record<string, number> {
  return {
    inputTokens: entry.usage.inputTokens,
    outputTokens: entry.usage.outputTokens,
    cacheReadInputTokens: entry.usage.cacheReadTokens,
    cacheCreationInputTokens: entry.usage.cacheCreationTokens,
    webSearchRequests: 0,
    costUSD: entry.costUsd ?? 0,
    contextWindow: entry.model.contextWindow,
    maxOutputTokens: entry.model.maxOutputTokens,
  };
}

/**
 * Prints a headless run in Claude Code's formats: `text` (the final answer), `json` (one result
 * object) or `stream-json` (one JSON object per line: init, assistant, user, result), so tools
 * written for Claude Code's CLI can read ours. Each assistant line carries its call's `usage`; the
 * result carries the session's `usage`, `total_cost_usd` and `modelUsage` from the ledger.
 */
export class ResultReporter {
  /** The usage of the call whose message is appended next (message-end comes first). */
  #pendingUsage: Usage | undefined;
  #turns = 0;
  #lastText = '';
  #lastError: string | undefined;
  readonly #startedAt = Date.now();

  constructor(
    private readonly format: OutputFormat,
    private readonly info: RunInfo,
    private readonly write: (line: string) => void,
  ) {}

  start(): void {
    if (this.format !== 'stream-json') return;
    this.#emit({
      type: 'system',
      subtype: 'init',
      session_id: this.info.sessionId,
      cwd: this.info.cwd,
      model: this.info.model.id,
      tools: this.info.tools,
      permissionMode: this.info.permissionMode,
      apiKeySource: 'none',
    });
  }

  onEvent(event: LoopEvent): void {
    switch (event.type) {
      case 'turn-start':
        this.#turns = Math.max(this.#turns, event.turn);
        break;
      case 'message-end':
        this.#pendingUsage = event.usage;
        this.#lastText = event.message.content
          .flatMap((block) => (block.type === 'text' ? [block.text] : []))
          .join('');
        break;
      case 'message-append':
        this.#onMessage(event.message);
        break;
      case 'loop-error':
        this.#lastError = event.error.message;
        break;
      default:
        break;
    }
  }

  /** Prints the closing output; returns the process exit code. */
  finish(reason: TerminalReason): number {
    const isError = reason !== 'completed';
    const subtype =
      reason === 'completed'
        ? 'success'
        : reason === 'max_turns'
          ? 'error_max_turns'
          : 'error_during_execution';
    const resultText = isError ? (this.#lastError ?? describeReason(reason)) : this.#lastText;
    if (this.format === 'text') {
      this.write(resultText);
    } else {
      const totals = this.info.usage.totals();
      this.#emit({
        type: 'result',
        subtype,
        is_error: isError,
        duration_ms: Date.now() - this.#startedAt,
        num_turns: this.#turns,
        result: resultText,
        session_id: this.info.sessionId,
        total_cost_usd: totals.costUsd ?? 0,
        usage: wireUsage(totals.usage),
        modelUsage: Object.fromEntries(
          this.info.usage.byModel().map((entry) => [entry.model.id, wireModelUsage(entry)]),
        ),
        terminal_reason: reason,
      });
    }
    return isError ? 1 : 0;
  }

  #onMessage(message: Message): void {
    const usage = message.role === 'assistant' ? this.#pendingUsage : undefined;
    if (message.role === 'assistant') this.#pendingUsage = undefined;
    if (this.format !== 'stream-json') return;
    if (message.role === 'user' && !message.synthetic) return; // the person's own prompt is not echoed
    this.#emit({
      type: message.role,
      message: {
        role: message.role,
        content: message.content.map(wireBlock),
        ...(message.role === 'assistant' ? { model: message.model } : {}),
        ...(usage ? { usage: wireUsage(usage) } : {}),
      },
      session_id: this.info.sessionId,
      parent_tool_use_id: null,
    });
  }

  #emit(value: Record<string, unknown>): void {
    this.write(JSON.stringify(value));
  }
}

function describeReason(reason: TerminalReason): string {
  switch (reason) {
    case 'aborted':
      return 'Interrupted.';
    case 'max_turns':
      return 'Stopped: reached the maximum number of turns (--max-turns).';
    case 'prompt_too_long':
      return 'Stopped: the conversation no longer fits the model context window.';
    case 'model_error':
      return 'Stopped: the model could not be reached.';
    case 'completed':
      return '';
  }
}
