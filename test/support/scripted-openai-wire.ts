import type { WireError } from './scripted-anthropic-wire';
import type { BlockWire, SseChannel, StreamPlan } from './scripted-stream';
import { streamBlocks } from './scripted-stream';
import type { HttpFault, ResolvedBlock, ScriptStopReason, ScriptUsage } from './scripted-turn';

const openaiErrors: Readonly<Record<number, [type: string, code: string | null, message: string]>> = {
  400: [
    'invalid_request_error',
    'context_length_exceeded',
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 210000 tokens. Please reduce the length of the messages.",
  ],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
  403: [
    'invalid_request_error',
    'unsupported_country_region_territory',
    'Country, region, or territory not supported',
  ],
  404: [
    'invalid_request_error',
    'model_not_found',
    'The model does not exist or you do not have access to it.',
  ],
  413: ['invalid_request_error', null, 'Request too large.'],
  429: ['requests', 'rate_limit_exceeded', 'Rate limit reached for requests. Please try again in 1s.'],
  500: ['server_error', null, 'The server had an error while processing your request. Sorry about that!'],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later.'],
  529: ['server_error', null, 'The engine is currently overloaded, please try again later.'],
};

/** The OpenAI error response for a scripted HTTP fault. */
export function openaiHttpError(fault: HttpFault, requestId: string): WireError {
  const [type, code, message] = openaiErrors[fault.status] ?? ['server_error', null, 'Error'];
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  const body = fault.body ?? { error: { message: fault.message ?? message, type, param: null, code } };
  return { status: fault.status, headers, body };
}

const finishReasons: Readonly<Record<ScriptStopReason, string>> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
};

/** OpenAI counts cached tokens inside `prompt_tokens`; the script gives them apart. */
export function openaiUsage(usage: Required<ScriptUsage>): unknown {
  const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: usage.cache_read_input_tokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

/** Options of {@link streamOpenai}. */
export interface OpenaiStreamOptions {
  completionId: string;
  includeUsage: boolean;
}

/** Streams a reply as chat.completion.chunk events, tool calls keyed by index, then `[DONE]`. */
export async function streamOpenai(
  channel: SseChannel,
  plan: StreamPlan,
  options: OpenaiStreamOptions,
): Promise<void> {
  const created = Math.floor(Date.now() / 1000);
  const usageField = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: unknown, finishReason: string | null = null): unknown => ({
    id: options.completionId,
    object: 'chat.completion.chunk',
    created,
    model: plan.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });
  const toolIndexes = toolCallIndexes(plan.blocks);
  const wire: BlockWire = {
    start(block, index) {
      if (block.kind !== 'tool_use') return;
      const call = {
        index: toolIndexes.get(index),
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: '' },
      };
      channel.data(chunk({ tool_calls: [call] }));
    },
    delta(block, index, piece) {
      if (block.kind === 'text') channel.data(chunk({ content: piece }));
      if (block.kind === 'tool_use')
        channel.data(
          chunk({ tool_calls: [{ index: toolIndexes.get(index), function: { arguments: piece } }] }),
        );
    },
    stop() {},
  };
  channel.open();
  channel.data(chunk({ role: 'assistant', content: '', refusal: null }));
  const outcome = await streamBlocks(channel, plan, wire);
  if (outcome === 'error' && plan.interrupt?.action === 'error') {
    channel.data(plan.interrupt.body);
    channel.end();
  }
  if (outcome !== 'complete') return;
  channel.data(chunk({}, finishReasons[plan.stopReason]));
  if (options.includeUsage) {
    channel.data({
      id: options.completionId,
      object: 'chat.completion.chunk',
      created,
      model: plan.model,
      system_fingerprint: null,
      choices: [],
      usage: openaiUsage(plan.usage),
    });
  }
  channel.data('[DONE]');
  channel.end();
}

/** The same reply as one non-streamed chat.completion. */
export function openaiCompletion(plan: StreamPlan, completionId: string): unknown {
  const text = plan.blocks.map((block) => (block.kind === 'text' ? block.text : '')).join('');
  const toolCalls = plan.blocks.flatMap((block) =>
    block.kind === 'tool_use'
      ? [{ id: block.id, type: 'function', function: { name: block.name, arguments: block.json } }]
      : [],
  );
  return {
    id: completionId,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: plan.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReasons[plan.stopReason],
      },
    ],
    usage: openaiUsage(plan.usage),
  };
}

function toolCallIndexes(blocks: readonly ResolvedBlock[]): Map<number, number> {
  const indexes = new Map<number, number>();
  for (const [index, block] of blocks.entries())
    if (block.kind === 'tool_use') indexes.set(index, indexes.size);
  return indexes;
}
