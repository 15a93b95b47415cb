import type { AssistantBlock, AssistantMessage, Usage } from '../messages/message';
import type { ModelClient, ModelError, ModelRequest, StopReason } from '../model/model-client';
import type { StreamingExecutor } from '../execution/streaming-executor';
import type { LoopEvent } from './loop-event';

export type ModelTurnOutcome =
  | { ok: true; message: AssistantMessage; stopReason: StopReason; usage: Usage }
  /** `started`: content arrived before the failure; `partialText`: the complete text blocks so far. */
  | { ok: false; error: ModelError; started: boolean; partialText: string };

/**
 * Streams one model call. Text and thinking deltas are yielded as they arrive; each complete
 * tool_use block is handed to the executor at once, and tool events are yielded between model
 * events. Blocks that never completed are dropped, so no half tool call reaches the history.
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
        const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
        const message: AssistantMessage = { role: 'assistant', content, model };
        return { ok: true, message, stopReason: event.stopReason, usage: event.usage };
      }
      case 'error':
        return { ok: false, error: event.error, started, partialText };
    }
    if (event.type === 'text-delta') partialText += event.text;
  }
  return {
    ok: false,
    error: { kind: 'connection', message: 'The model stream ended without finishing the message.' },
    started,
    partialText,
  };
}
