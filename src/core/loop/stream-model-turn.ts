import type { AssistantBlock, AssistantMessage, Usage } from '../messages/message';
import type { ModelClient, ModelError, ModelRequest, StopReason } from '../model/model-client';
import type { StreamingExecutor } from '../execution/streaming-executor';
import type { LoopEvent } from './loop-event';

export type ModelTurnOutcome =
  | { ok: true; message: AssistantMessage; stopReason: StopReason; usage: Usage }
  /**
   * `started`: content arrived before the failure. `partial`: what streamed, in order — whole
   * thinking and tool_use blocks, and text as far as it came (the last text block may be cut).
   */
  | { ok: false; error: ModelError; started: boolean; partial: AssistantBlock[] };

/**
 * Streams one model call. Text and thinking deltas are yielded as they arrive; each complete
 * block is announced (`block-end`) and a complete tool_use block is handed to the executor at
 * once; tool events are yielded between model events. Blocks that never completed are left out of
 * `partial` (text excepted), so no half tool call or unsigned thinking reaches the history.
 */
export async function* streamModelTurn(
  client: ModelClient,
  request: ModelRequest,
  executor: StreamingExecutor,
): AsyncGenerator<LoopEvent, ModelTurnOutcome> {
  const blocks = new Map<number, AssistantBlock>();
  const partial = new PartialMessage();
  let started = false;
  let model = request.model;
  for await (const event of client.stream(request)) {
    yield* executor.takeEvents();
    switch (event.type) {
      case 'message-start':
        model = event.model || model;
        break;
      case 'text-delta':
        started = true;
        partial.text(event.index, event.text);
        yield { type: 'text-delta', text: event.text };
        break;
      case 'thinking-delta':
        started = true;
        yield { type: 'thinking-delta', thinking: event.thinking };
        break;
      case 'tool-input-delta':
        started = true;
        yield {
          type: 'tool-input-delta',
          toolUseId: event.id,
          name: event.name,
          partialJson: event.partialJson,
        };
        break;
      case 'block-complete':
        started = true;
        blocks.set(event.index, event.block);
        partial.complete(event.index, event.block);
        // Announced before its tool starts, so a transcript holds every call before its result.
        yield { type: 'block-end', block: event.block };
        if (event.block.type === 'tool_use') executor.add(event.block, event.inputError);
        break;
      case 'message-complete': {
        const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
        const message: AssistantMessage = { role: 'assistant', content, model };
        return { ok: true, message, stopReason: event.stopReason, usage: event.usage };
      }
      case 'error':
        return { ok: false, error: event.error, started, partial: partial.blocks() };
    }
  }
  return {
    ok: false,
    error: { kind: 'connection', message: 'The model stream ended without finishing the message.' },
    started,
    partial: partial.blocks(),
  };
}

/** The blocks of a message still streaming, by stream index: text as it comes, others once whole. */
class PartialMessage {
  readonly #blocks = new Map<number, AssistantBlock>();

  text(index: number, text: string): void {
    const block = this.#blocks.get(index);
    this.#blocks.set(index, { type: 'text', text: (block?.type === 'text' ? block.text : '') + text });
  }

  complete(index: number, block: AssistantBlock): void {
    this.#blocks.set(index, block);
  }

  blocks(): AssistantBlock[] {
    return [...this.#blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, block]) => block)
      .filter((block) => block.type !== 'text' || block.text.trim() !== '');
  }
}
