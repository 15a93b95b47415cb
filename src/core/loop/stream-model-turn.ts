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
  model: string;
}

export type ModelTurnOutcome =
  { ok: true; message: AssistantMessage; stopReason: StopReason; usage: Usage } | FailedModelTurn;

/**
 * Streams one model call. Text and thinking deltas are yielded as they arrive; each complete
 * tool_use block is handed to the executor at once, and tool events are yielded between model
 * events. Blocks that never completed are dropped, so no half tool call reaches the history; a
 * failed stream reports the blocks that did complete, for the loop to keep or discard.
 */
export async function* streamModelTurn(
  client: ModelClient,
  request: ModelRequest,
  executor: StreamingExecutor,
): AsyncGenerator<LoopEvent, ModelTurnOutcome> {
  const blocks = new Map<number, AssistantBlock>();
  let started = false;
  let partialText = '';
  let model = request.model;
  for await (const event of client.stream(request)) {
    yield* executor.takeEvents();
    switch (event.type) {
      case 'message-start':
        model = event.model || model;
        break;
      case 'text-delta':
        started = true;
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
        if (event.block.type === 'tool_use') executor.add(event.block, event.inputError);
        break;
      case 'message-complete': {
        const message: AssistantMessage = { role: 'assistant', content: inOrder(blocks), model };
        return { ok: true, message, stopReason: event.stopReason, usage: event.usage };
      }
      case 'error':
        return { ok: false, error: event.error, started, partialText, blocks: inOrder(blocks), model };
    }
    if (event.type === 'text-delta') partialText += event.text;
  }
  return {
    ok: false,
    error: { kind: 'connection', message: 'The model stream ended without finishing the message.' },
    started,
    partialText,
    blocks: inOrder(blocks),
    model,
  };
}

function inOrder(blocks: ReadonlyMap<number, AssistantBlock>): AssistantBlock[] {
  return [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
}
