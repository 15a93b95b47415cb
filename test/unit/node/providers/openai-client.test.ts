import { strict as assert } from 'node:assert';
import type { AssistantBlock, Message } from '../../../../src/core/messages/message';
import type { ModelErrorKind, ModelStreamEvent } from '../../../../src/core/model/model-client';
import { OpenaiClient } from '../../../../src/node/providers/openai-client';
import { collectEvents, collectTimed, modelRequest, onlyError } from '../../../support/collect-model-events';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { HttpFault } from '../../../support/scripted-turn';
import { valueAt } from '../../../support/value-at';

const completedBlocks = (events: readonly ModelStreamEvent[]): AssistantBlock[] =>
  events.flatMap((event) => (event.type === 'block-complete' ? [event.block] : []));

const gptRequest = (overrides: Parameters<typeof modelRequest>[0] = {}) =>
  modelRequest({ model: 'gpt-5', ...overrides });

describe('OpenaiClient against the scripted chat completions API', () => {
  let server: ScriptedModelServer;
  let client: OpenaiClient;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { openaiBaseUrl } = await server.start();
    client = new OpenaiClient({ apiKey: 'sk-test', baseUrl: openaiBaseUrl, env: {} });
  });

  afterEach(async () => {
    await server.close();
  });

  it('streams text and reports cached prompt tokens apart from fresh input', async () => {
    server.enqueue({
      blocks: [{ text: 'Here is the summary you asked for.' }],
      usage: { input_tokens: 150, cache_read_input_tokens: 4000, output_tokens: 9 },
    });
    const events = await collectEvents(client.stream(gptRequest()));

    assert.deepEqual(events[0], { type: 'message-start', model: 'gpt-5' });
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    assert.ok(text.length > 1);
    assert.equal(text.join(''), 'Here is the summary you asked for.');
    assert.deepEqual(events.at(-1), {
      type: 'message-complete',
      stopReason: 'end_turn',
      usage: { inputTokens: 150, outputTokens: 9, cacheReadTokens: 4000, cacheCreationTokens: 0 },
    });
    assert.deepEqual(valueAt(server.modelRequests[0]?.body, 'stream_options'), { include_usage: true });
  });

  it('assembles tool calls split across many chunks, each complete when the next one starts', async () => {
    server.enqueue({
      blocks: [
        { text: 'Searching.' },
        { toolUse: { id: 'call_a', name: 'Grep', input: { pattern: 'useState\\(' } }, chunk: { tokens: 1 } },
        {
          toolUse: { id: 'call_b', name: 'Read', input: { path: 'src/components/app.tsx' } },
          chunk: { tokens: 2, delayMs: 80 },
          delayMs: 100,
        },
      ],
    });
    const timed = await collectTimed(client.stream(gptRequest()));
    const events = timed.map((entry) => entry.event);

    const pieces = events.filter((event) => event.type === 'tool-input-delta');
    assert.ok(pieces.length > 6, 'arguments arrive in several pieces');
    assert.deepEqual(completedBlocks(events), [
      { type: 'text', text: 'Searching.' },
      { type: 'tool_use', id: 'call_a', name: 'Grep', input: { pattern: 'useState\\(' } },
      { type: 'tool_use', id: 'call_b', name: 'Read', input: { path: 'src/components/app.tsx' } },
    ]);
    const firstTool = timed.find((entry) => entry.event.type === 'block-complete' && entry.event.index === 1);
    const secondSent = server.sent.find((block) => block.blockIndex === 2);
    assert.ok(firstTool && secondSent);
    assert.ok(
      firstTool.at < secondSent.stoppedAt - 150,
      'call_a completes as call_b starts, not when the message ends',
    );
    const last = events.at(-1);
    assert.equal(last?.type === 'message-complete' && last.stopReason, 'tool_use');
  });

  it('maps the conversation: one system message, tool results as tool messages, images after them', async () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'What does the screenshot show?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'private', signature: 'sig' },
          { type: 'text', text: 'Taking one.' },
          { type: 'tool_use', id: 'call_shot', name: 'Screenshot', input: { page: '/' } },
          { type: 'tool_use', id: 'call_ls', name: 'Bash', input: { command: 'ls' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            toolUseId: 'call_shot',
            content: [
              { type: 'text', text: 'captured' },
              { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
            ],
            isError: false,
          },
          { type: 'tool_result', toolUseId: 'call_ls', content: 'ls: permission denied', isError: true },
        ],
      },
    ];
    await collectEvents(client.stream(gptRequest({ messages })));
    const body = server.modelRequests[0]?.body;

    assert.deepEqual(valueAt(body, 'messages', 0), {
      role: 'system',
      content: 'You are Tandem.\n\ncwd: /work',
    });
    assert.deepEqual(valueAt(body, 'messages', 2), {
      role: 'assistant',
      content: 'Taking one.',
      tool_calls: [
        { id: 'call_shot', type: 'function', function: { name: 'Screenshot', arguments: '{"page":"/"}' } },
        { id: 'call_ls', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } },
      ],
    });
    assert.deepEqual(valueAt(body, 'messages', 3), {
      role: 'tool',
      tool_call_id: 'call_shot',
      content: 'captured',
    });
    assert.deepEqual(valueAt(body, 'messages', 4), {
      role: 'tool',
      tool_call_id: 'call_ls',
      content: '[tool error] ls: permission denied',
    });
    assert.deepEqual(valueAt(body, 'messages', 5, 'content', 1), {
      type: 'image_url',
      image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' },
    });
    assert.equal(valueAt(body, 'messages', 5, 'role'), 'user');
    assert.equal(valueAt(body, 'messages', 6), undefined);
    assert.ok(!JSON.stringify(body).includes('private'), 'thinking is not sent to OpenAI');
    assert.deepEqual(valueAt(body, 'tools', 0, 'function', 'parameters'), {
      type: 'object',
      properties: { path: { type: 'string' } },
      required: ['path'],
    });
    assert.equal(valueAt(body, 'max_tokens'), 1024, 'a local server gets max_tokens');
  });

  it('reports a length stop as max_tokens', async () => {
    server.enqueue({ blocks: [{ text: 'cut' }], stopReason: 'max_tokens' });
    const last = (await collectEvents(client.stream(gptRequest()))).at(-1);
    assert.equal(last?.type === 'message-complete' && last.stopReason, 'max_tokens');
  });

  const faults: { fault: HttpFault; kind: ModelErrorKind; retryAfterMs?: number }[] = [
    { fault: { fault: 'http', status: 429, retryAfter: 2 }, kind: 'rate_limit', retryAfterMs: 2000 },
    { fault: { fault: 'http', status: 429, retryAfter: 0 }, kind: 'rate_limit', retryAfterMs: 0 },
    {
      fault: { fault: 'http', status: 429, retryAfterMs: 250, retryAfter: 3 },
      kind: 'rate_limit',
      retryAfterMs: 250,
    },
    { fault: { fault: 'http', status: 400 }, kind: 'prompt_too_long' },
    {
      fault: {
        fault: 'http',
        status: 400,
        body: {
          error: {
            message: 'Invalid schema for function Read',
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
      },
      kind: 'invalid_request',
    },
    { fault: { fault: 'http', status: 413 }, kind: 'prompt_too_long' },
    { fault: { fault: 'http', status: 500 }, kind: 'server' },
    { fault: { fault: 'http', status: 529 }, kind: 'overloaded' },
    { fault: { fault: 'http', status: 401 }, kind: 'authentication' },
  ];
  for (const { fault, kind, retryAfterMs } of faults) {
    const wait = retryAfterMs === undefined ? '' : `, to retry in ${retryAfterMs} ms`;
    it(`reports HTTP ${fault.status}${fault.body ? ' (custom body)' : ''} as ${kind}${wait}`, async () => {
      server.enqueue(fault);
      const error = onlyError(await collectEvents(client.stream(gptRequest())));
      assert.equal(error.kind, kind);
      assert.equal(error.status, fault.status);
      assert.equal(error.retryAfterMs, retryAfterMs);
      assert.equal(server.modelRequests.length, 1, 'the client does not retry on its own');
    });
  }

  it('reports a reset mid-stream as a connection error', async () => {
    server.enqueue({ fault: 'reset-mid-stream', afterBlocks: 1 });
    const events = await collectEvents(client.stream(gptRequest()));
    assert.equal(onlyError(events).kind, 'connection');
    assert.ok(
      events.some((event) => event.type === 'text-delta'),
      'the first block did arrive',
    );
  });

  it('reports an error sent inside the stream by its code', async () => {
    server.enqueue({ fault: 'error-mid-stream', afterBlocks: 1, status: 429 });
    const events = await collectEvents(client.stream(gptRequest()));
    assert.ok(events.some((event) => event.type === 'text-delta'));
    assert.equal(onlyError(events).kind, 'rate_limit');
  });

  it('hands over tool arguments that are not JSON with inputError', async () => {
    server.enqueue({ fault: 'malformed-tool-json', id: 'call_bad' });
    const events = await collectEvents(client.stream(gptRequest()));
    const complete = events.find((event) => event.type === 'block-complete');
    assert.ok(complete?.type === 'block-complete');
    assert.equal(complete.block.type === 'tool_use' && complete.block.id, 'call_bad');
    assert.match(complete.inputError ?? '', /not valid JSON/);
  });

  it('ends with an aborted error when the signal fires mid-stream', async () => {
    server.enqueue({
      blocks: [{ text: 'slow words arriving one at a time', chunk: { tokens: 1, delayMs: 100 } }],
    });
    const controller = new AbortController();
    const events: ModelStreamEvent[] = [];
    for await (const event of client.stream(gptRequest({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    assert.equal(onlyError(events).kind, 'aborted');
  });

  it('asks for OPENAI_API_KEY when talking to OpenAI without a key', async () => {
    const keyless = new OpenaiClient({ env: {} });
    const error = onlyError(await collectEvents(keyless.stream(gptRequest())));
    assert.equal(error.kind, 'authentication');
    assert.match(error.message, /Set OPENAI_API_KEY/);
  });

  it('talks to a local server from OPENAI_BASE_URL without any key', async () => {
    const local = new OpenaiClient({ env: { OPENAI_BASE_URL: `${server.url}/v1` } });
    const events = await collectEvents(local.stream(gptRequest({ model: 'qwen2.5-coder:7b' })));
    assert.equal(events.at(-1)?.type, 'message-complete');
    assert.match(server.modelRequests[0]?.headers.authorization ?? '', /^Bearer \S+/);
  });

  it('sends max_completion_tokens and reasoning effort to OpenAI itself', async () => {
    const official = new OpenaiClient({
      apiKey: 'sk-real',
      env: {},
      // The official host, rerouted to the scripted server: nothing leaves the machine.
      fetch: (input, init) =>
        fetch(
          String(input instanceof Request ? input.url : input).replace('https://api.openai.com', server.url),
          init,
        ),
    });
    await collectEvents(official.stream(gptRequest({ thinkingBudget: 8000 })));
    const body = server.modelRequests[0]?.body;
    assert.equal(valueAt(body, 'max_completion_tokens'), 1024);
    assert.equal(valueAt(body, 'max_tokens'), undefined);
    assert.equal(valueAt(body, 'reasoning_effort'), 'medium');
  });
});
