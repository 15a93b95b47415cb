import type { AssistantBlock, AssistantMessage, Usage } from '../messages/message';
import type { ModelClient, ModelError, ModelRequest, StopReason } from '../model/model-client';
import type { StreamingExecutor } from '../execution/streaming-executor';
import type { LoopEvent } from './loop-event';

/** A model call whose stream failed, with what had arrived before it did. */
export interface FailedModelTurn {
  ok: false;
  error: ModelError;
  /** Content arrived before the failure. */
  started: boolean;
  /** Every text delta streamed so far, the unfinished block's too: what the person saw. */
  partialText: string;
  /** The blocks that completed, in stream order; the block still open when it failed is not here. */
  blocks: AssistantBlock[];
  /** What streamed, in order: the completed blocks and the text of the one still open. */
  partial: AssistantBlock[];
  model: string;
}

export type ModelTurnOutcome =
  { ok: true; message: AssistantMessage; stopReason: StopReason; usage: Usage } | FailedModelTurn;

/**
 * Streams one model call. Text and thinking deltas are yielded as they arrive; each complete
 * block is announced (`block-end`) and a complete tool_use block is handed to the executor at
 * once; tool events are yielded between model events. Blocks that never completed are dropped,
 * so no half tool call or unsigned thinking reaches the history; a failed stream reports the
 * blocks that did complete, for the loop to keep or discard, and what had streamed of the rest.
 */
export async function* streamModelTurn(
  client: ModelClient,
  request: ModelRequest,
  executor: StreamingExecutor,
): AsyncGenerator<LoopEvent, ModelTurnOutcome> {
  const partial = new PartialMessage();
  let started = false;
  let partialText = '';
  let model = request.model;
  const failed = (error: ModelError): FailedModelTurn => ({
    ok: false,
    error,
    started,
    partialText,
    blocks: partial.completed(),
    partial: partial.blocks(),
    model,
  });
  for await (const event of client.stream(request)) {
    yield* executor.takeEvents();
    switch (event.type) {
      case 'message-start':
        model = event.model || model;
        break;
      case 'text-delta':
        started = true;
        partialText += event.text;
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
        partial.complete(event.index, event.block);
        // Announced before its tool starts, so a transcript holds every call before its result.
        yield { type: 'block-end', block: event.block };
        if (event.block.type === 'tool_use') executor.add(event.block, event.inputError);
        break;
      case 'message-complete': {
        const message: AssistantMessage = { role: 'assistant', content: partial.completed(), model };
        return { ok: true, message, stopReason: event.stopReason, usage: event.usage };
      }
      case 'error':
        return failed(event.error);
    }
  }
  return failed({ kind: 'connection', message: 'The model stream ended without finishing the message.' });
}

/** The blocks of a message still streaming, by stream index: text as it comes, others once whole. */
class PartialMessage {
  readonly #blocks = new Map<number, AssistantBlock>();
  readonly #complete = new Set<number>();

  text(index: number, text: string): void {
    const block = this.#blocks.get(index);
    this.#blocks.set(index, { type: 'text', text: (block?.type === 'text' ? block.text : '') + text });
  }

  complete(index: number, block: AssistantBlock): void {
    this.#blocks.set(index, block);
    this.#complete.add(index);
  }

  /** Every block so far, the unfinished text block too (empty text left out). */
  blocks(): AssistantBlock[] {
    return this.#inOrder(() => true).filter((block) => block.type !== 'text' || block.text.trim() !== '');
  }

  /** Only the blocks that completed. */
  completed(): AssistantBlock[] {
    return this.#inOrder((index) => this.#complete.has(index));
  }

  #inOrder(keep: (index: number) => boolean): AssistantBlock[] {
    return [...this.#blocks.entries()]
      .filter(([index]) => keep(index))
      .sort(([a], [b]) => a - b)
      .map(([, block]) => block);
  }
}
