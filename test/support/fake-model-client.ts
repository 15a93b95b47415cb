import type { AssistantBlock } from '../../src/core/messages/message';
import type {
  ModelClient,
  ModelError,
  ModelInfo,
  ModelRequest,
  ModelStreamEvent,
  StopReason,
} from '../../src/core/model/model-client';
import { testModel } from './tool-context';

/** One scripted reply: blocks streamed in order, or a failure. */
export type FakeReply =
  | { blocks: (AssistantBlock & { delayMs?: number; inputError?: string })[]; stopReason?: StopReason }
  | { error: ModelError; afterBlocks?: (AssistantBlock & { delayMs?: number })[] };

/**
 * An in-process ModelClient for core loop tests: replays scripted replies and records every
 * request. Provider behaviour over real HTTP is tested against the scripted server instead.
 */
export class FakeModelClient implements ModelClient {
  readonly provider = 'fake';
  readonly requests: ModelRequest[] = [];
  readonly #replies: FakeReply[];

  constructor(
    replies: FakeReply[],
    private readonly info: ModelInfo = testModel,
  ) {
    this.#replies = [...replies];
  }

  describe(modelId: string): ModelInfo {
    return { ...this.info, id: modelId };
  }

  async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
    this.requests.push({ ...request, messages: structuredClone(request.messages) });
    const reply = this.#replies.shift() ?? { blocks: [{ type: 'text', text: 'done' }] };
    yield { type: 'message-start', model: request.model };
    const blocks = 'error' in reply ? (reply.afterBlocks ?? []) : reply.blocks;
    for (const [index, block] of blocks.entries()) {
      if (block.delayMs) {
        const aborted = await sleep(block.delayMs, request.signal);
        if (aborted) {
          yield { type: 'error', error: { kind: 'aborted', message: 'aborted' } };
          return;
        }
      }
      const { delayMs: _delay, ...clean } = block as AssistantBlock & {
        delayMs?: number;
        inputError?: string;
      };
      const inputError = 'inputError' in clean ? clean.inputError : undefined;
      if ('inputError' in clean) delete (clean as { inputError?: string }).inputError;
      if (clean.type === 'text') yield { type: 'text-delta', index, text: clean.text };
      yield {
        type: 'block-complete',
        index,
        block: clean as AssistantBlock,
        ...(inputError ? { inputError } : {}),
      };
    }
    if (request.signal.aborted) {
      yield { type: 'error', error: { kind: 'aborted', message: 'aborted' } };
      return;
    }
    if ('error' in reply) {
      yield { type: 'error', error: reply.error };
      return;
    }
    const stopReason =
      reply.stopReason ?? (blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn');
    yield {
      type: 'message-complete',
      stopReason,
      usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheCreationTokens: 0 },
    };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
