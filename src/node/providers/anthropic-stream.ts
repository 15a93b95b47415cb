import type {
  RawContentBlockDeltaEvent,
  RawContentBlockStartEvent,
  RawMessageStreamEvent,
  StopReason as AnthropicStopReason,
} from '@anthropic-ai/sdk/resources/messages';
import type { AssistantBlock, Usage } from '../../core/messages/message';
import type { ModelStreamEvent, StopReason } from '../../core/model/model-client';
import { parseToolInput } from './tool-input';

type OpenBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string };

interface UsageCounts {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Turns the Messages API's raw stream events into normalised events, one raw event at a time.
 * Emits `block-complete` on each `content_block_stop`, so a tool can start while later blocks are
 * still streaming. Blocks Tandem does not model (server tools, citations) are skipped.
 */
export class AnthropicStreamAssembler {
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
  private stopReason: StopReason = 'end_turn';
  /** True once `message_stop` arrived: the stream is whole. */
  done = false;

  accept(event: RawMessageStreamEvent): ModelStreamEvent[] {
    switch (event.type) {
      case 'message_start':
        this.addUsage(event.message.usage);
        return [{ type: 'message-start', model: event.message.model }];
      case 'content_block_start':
        return this.start(event);
      case 'content_block_delta':
        return this.delta(event);
      case 'content_block_stop':
        return this.stop(event.index);
      case 'message_delta':
        if (event.delta.stop_reason) this.stopReason = toStopReason(event.delta.stop_reason);
        this.addUsage(event.usage);
        return [];
      case 'message_stop':
        this.done = true;
        return [{ type: 'message-complete', stopReason: this.stopReason, usage: { ...this.usage } }];
      default:
        return [];
    }
  }

  private start(event: RawContentBlockStartEvent): ModelStreamEvent[] {
    const block = event.content_block;
    switch (block.type) {
      case 'text':
        this.blocks.set(event.index, { type: 'text', text: block.text });
        return block.text ? [{ type: 'text-delta', index: event.index, text: block.text }] : [];
      case 'thinking':
        this.blocks.set(event.index, {
          type: 'thinking',
          thinking: block.thinking,
          signature: block.signature ?? '',
        });
        return [];
      case 'redacted_thinking':
        this.blocks.set(event.index, { type: 'redacted_thinking', data: block.data });
        return [];
      case 'tool_use':
        this.blocks.set(event.index, { type: 'tool_use', id: block.id, name: block.name, json: '' });
        return [];
      default:
        return [];
    }
  }

  private delta(event: RawContentBlockDeltaEvent): ModelStreamEvent[] {
    const block = this.blocks.get(event.index);
    const delta = event.delta;
    if (!block) return [];
    if (delta.type === 'text_delta' && block.type === 'text') {
      block.text += delta.text;
      return [{ type: 'text-delta', index: event.index, text: delta.text }];
    }
    if (delta.type === 'thinking_delta' && block.type === 'thinking') {
      block.thinking += delta.thinking;
      return [{ type: 'thinking-delta', index: event.index, thinking: delta.thinking }];
    }
    if (delta.type === 'signature_delta' && block.type === 'thinking') {
      block.signature += delta.signature;
      return [];
    }
    if (delta.type === 'input_json_delta' && block.type === 'tool_use') {
      block.json += delta.partial_json;
      const { id, name } = block;
      return [{ type: 'tool-input-delta', index: event.index, id, name, partialJson: delta.partial_json }];
    }
    return [];
  }

  private stop(index: number): ModelStreamEvent[] {
    const block = this.blocks.get(index);
    if (!block) return [];
    this.blocks.delete(index);
    if (block.type !== 'tool_use') return [{ type: 'block-complete', index, block: closeBlock(block) }];
    const parsed = parseToolInput(block.json);
    const toolUse: AssistantBlock = { type: 'tool_use', id: block.id, name: block.name, input: parsed.input };
    return parsed.ok
      ? [{ type: 'block-complete', index, block: toolUse }]
      : [{ type: 'block-complete', index, block: toolUse, inputError: parsed.error }];
  }

  // message_start carries the input side; message_delta carries cumulative counts, so the latest wins.
  private addUsage(counts: UsageCounts): void {
    this.usage = {
      inputTokens: counts.input_tokens ?? this.usage.inputTokens,
      outputTokens: counts.output_tokens ?? this.usage.outputTokens,
      cacheReadTokens: counts.cache_read_input_tokens ?? this.usage.cacheReadTokens,
      cacheCreationTokens: counts.cache_creation_input_tokens ?? this.usage.cacheCreationTokens,
    };
  }
}

function closeBlock(block: Exclude<OpenBlock, { type: 'tool_use' }>): AssistantBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
  }
}

function toStopReason(reason: AnthropicStopReason): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'refusal':
      return reason;
    default:
      return 'other';
  }
}
