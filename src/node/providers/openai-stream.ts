import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { Usage } from '../../core/messages/message';
import type { ModelStreamEvent, StopReason } from '../../core/model/model-client';
import { parseToolInput } from './tool-input';

interface OpenTool {
  blockIndex: number;
  id: string;
  name: string;
  args: string;
}

/**
 * Turns chat.completion chunks into normalised events. Text and tool calls become numbered
 * blocks in arrival order; tool calls are assembled from deltas keyed by their `index`, and each
 * is complete when the next one starts or the finish reason arrives. Call {@link finish} when the
 * stream ends: `message-complete` waits for the usage chunk that follows the finish reason.
 */
export class OpenaiStreamAssembler {
  private started = false;
  private nextBlock = 0;
  private text: { blockIndex: number; text: string } | undefined;
  private readonly tools = new Map<number, OpenTool>();
  private openTool: OpenTool | undefined;
  private finishReason: StopReason | undefined;
  private sawTools = false;
  private usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };

  accept(chunk: ChatCompletionChunk): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ type: 'message-start', model: chunk.model });
    }
    if (chunk.usage) this.usage = toUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) return events;
    const content = (choice.delta.content ?? '') + (choice.delta.refusal ?? '');
    if (content) events.push(...this.appendText(content));
    for (const call of choice.delta.tool_calls ?? []) events.push(...this.appendToolCall(call));
    if (choice.finish_reason) {
      events.push(...this.closeText(), ...this.closeTool());
      this.finishReason = toStopReason(choice.finish_reason, this.sawTools);
    }
    return events;
  }

  /** The closing event once the stream ended; undefined when no finish reason ever came. */
  finish(): ModelStreamEvent | undefined {
    if (this.finishReason === undefined) return undefined;
    return { type: 'message-complete', stopReason: this.finishReason, usage: { ...this.usage } };
  }

  private appendText(content: string): ModelStreamEvent[] {
    const events = this.closeTool();
    if (!this.text) this.text = { blockIndex: this.nextBlock++, text: '' };
    this.text.text += content;
    events.push({ type: 'text-delta', index: this.text.blockIndex, text: content });
    return events;
  }

  private appendToolCall(call: ChatCompletionChunk.Choice.Delta.ToolCall): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    let tool = this.tools.get(call.index);
    if (!tool) {
      events.push(...this.closeText(), ...this.closeTool());
      tool = {
        blockIndex: this.nextBlock++,
        id: call.id ?? `call_${call.index}`,
        name: call.function?.name ?? '',
        args: '',
      };
      this.tools.set(call.index, tool);
      this.openTool = tool;
      this.sawTools = true;
    } else if (call.function?.name && !tool.name) {
      tool.name = call.function.name;
    }
    const piece = call.function?.arguments ?? '';
    if (piece) {
      tool.args += piece;
      events.push({
        type: 'tool-input-delta',
        index: tool.blockIndex,
        id: tool.id,
        name: tool.name,
        partialJson: piece,
      });
    }
    return events;
  }

  private closeText(): ModelStreamEvent[] {
    const text = this.text;
    if (!text) return [];
    this.text = undefined;
    return [{ type: 'block-complete', index: text.blockIndex, block: { type: 'text', text: text.text } }];
  }

  private closeTool(): ModelStreamEvent[] {
    const tool = this.openTool;
    if (!tool) return [];
    this.openTool = undefined;
    const parsed = parseToolInput(tool.args);
    const block = { type: 'tool_use' as const, id: tool.id, name: tool.name, input: parsed.input };
    return parsed.ok
      ? [{ type: 'block-complete', index: tool.blockIndex, block }]
      : [{ type: 'block-complete', index: tool.blockIndex, block, inputError: parsed.error }];
  }
}

/** OpenAI counts cached tokens inside `prompt_tokens`; Tandem keeps the three input kinds apart. */
export function toUsage(usage: CompletionUsage): Usage {
  const cacheRead = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.prompt_tokens - cacheRead - cacheWrite),
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cacheRead,
    cacheCreationTokens: cacheWrite,
  };
}

function toStopReason(
  reason: NonNullable<ChatCompletionChunk.Choice['finish_reason']>,
  sawTools: boolean,
): StopReason {
  switch (reason) {
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    case 'stop':
      // Some local servers say `stop` after tool calls; the calls still need running.
      return sawTools ? 'tool_use' : 'end_turn';
    default:
      return 'other';
  }
}
