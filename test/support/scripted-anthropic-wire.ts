import type { BlockWire, SseChannel, StreamPlan } from './scripted-stream';
import { streamBlocks } from './scripted-stream';
import type { HttpFault, ResolvedBlock } from './scripted-turn';

/** An error response in the Messages API's shape. */
export interface WireError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const anthropicErrorTypes: Readonly<Record<number, [type: string, message: string]>> = {
  400: ['invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'],
  500: ['api_error', 'Internal server error'],
  503: ['api_error', 'Service unavailable'],
  529: ['overloaded_error', 'Overloaded'],
};

/** The Anthropic error response for a scripted HTTP fault. */
export function anthropicHttpError(fault: HttpFault, requestId: string): WireError {
  const [type, message] = anthropicErrorTypes[fault.status] ?? ['api_error', 'Error'];
  const headers: Record<string, string> = { 'request-id': requestId };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  const body = fault.body ?? {
    type: 'error',
    error: { type, message: fault.message ?? message },
    request_id: requestId,
  };
  return { status: fault.status, headers, body };
}

const wire = (channel: SseChannel): BlockWire => ({
  start(block, index) {
    channel.event('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: emptyBlock(block),
    });
  },
  delta(block, index, piece) {
    channel.event('content_block_delta', {
      type: 'content_block_delta',
      index,
      delta: deltaOf(block, piece),
    });
  },
  stop(block, index) {
    if (block.kind === 'thinking') {
      channel.event('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'signature_delta', signature: block.signature },
      });
    }
    channel.event('content_block_stop', { type: 'content_block_stop', index });
  },
});

/** Streams a reply as Messages API server-sent events, `message_start` to `message_stop`. */
export async function streamAnthropic(
  channel: SseChannel,
  plan: StreamPlan,
  messageId: string,
): Promise<void> {
  channel.open();
  const { usage } = plan;
  channel.event('message_start', {
    type: 'message_start',
    message: {
      id: messageId,
      type: 'message',
      role: 'assistant',
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: 1,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
      },
    },
  });
  channel.event('ping', { type: 'ping' });
  const outcome = await streamBlocks(channel, plan, wire(channel));
  if (outcome === 'error' && plan.interrupt?.action === 'error') {
    channel.event('error', plan.interrupt.body);
    channel.end();
  }
  if (outcome !== 'complete') return;
  channel.event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: plan.stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  channel.event('message_stop', { type: 'message_stop' });
  channel.end();
}

/** The same reply as one non-streamed Messages API response. */
export function anthropicMessage(plan: StreamPlan, messageId: string): unknown {
  return {
    id: messageId,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: plan.blocks.map(fullBlock),
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: plan.usage,
  };
}

function emptyBlock(block: ResolvedBlock): unknown {
  switch (block.kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function deltaOf(block: ResolvedBlock, piece: string): unknown {
  switch (block.kind) {
    case 'text':
      return { type: 'text_delta', text: piece };
    case 'thinking':
      return { type: 'thinking_delta', thinking: piece };
    case 'tool_use':
      return { type: 'input_json_delta', partial_json: piece };
  }
}

function fullBlock(block: ResolvedBlock): unknown {
  switch (block.kind) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: safeJson(block.json) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
