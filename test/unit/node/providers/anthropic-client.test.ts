import { strict as assert } from 'node:assert';
import { APIError } from '@anthropic-ai/sdk';
import type { AssistantBlock, Message } from '../../../../src/core/messages/message';
import type { ModelErrorKind, ModelStreamEvent } from '../../../../src/core/model/model-client';
import { AnthropicClient, toModelError } from '../../../../src/node/providers/anthropic-client';
import { collectEvents, collectTimed, modelRequest, onlyError } from '../../../support/collect-model-events';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { HttpFault } from '../../../support/scripted-turn';
import { valueAt } from '../../../support/value-at';

const completedBlocks = (events: readonly ModelStreamEvent[]): AssistantBlock[] =>
  events.flatMap((event) => (event.type === 'block-complete' ? [event.block] : []));

describe('AnthropicClient against the scripted Messages API', () => {
  let server: ScriptedModelServer;
  let client: AnthropicClient;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { url } = await server.start();
    client = new AnthropicClient({ apiKey: 'test-key', baseUrl: url, env: {} });
  });

  afterEach(async () => {
    await server.close();
  });

  it('streams text as deltas, then the whole block, then the stop reason and usage', async () => {
    server.enqueue({
      blocks: [{ text: 'The file exports one function.' }],
      usage: {
        input_tokens: 12,
        output_tokens: 8,
        cache_read_input_tokens: 3000,
        cache_creation_input_tokens: 40,
      },
    });
    const events = await collectEvents(client.stream(modelRequest()));

    assert.deepEqual(events[0], { type: 'message-start', model: 'claude-sonnet-4-6' });
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []));
    assert.ok(text.length > 1, 'the text arrives in several deltas');
    assert.equal(text.join(''), 'The file exports one function.');
    assert.deepEqual(completedBlocks(events), [{ type: 'text', text: 'The file exports one function.' }]);
    assert.deepEqual(events.at(-1), {
      type: 'message-complete',
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 8, cacheReadTokens: 3000, cacheCreationTokens: 40 },
    });
  });

  it('completes each tool call before the next one is even sent, so tools can start early', async () => {
    server.enqueue({
      blocks: [
        { text: 'Reading three files.' },
        { toolUse: { id: 'toolu_a', name: 'Read', input: { path: 'a.ts' } } },
        { toolUse: { id: 'toolu_b', name: 'Read', input: { path: 'b.ts' } }, delayMs: 250 },
        { toolUse: { id: 'toolu_c', name: 'Read', input: { path: 'c.ts' } }, delayMs: 250 },
      ],
    });
    const timed = await collectTimed(client.stream(modelRequest()));
    const completions = timed.filter((timed) => timed.event.type === 'block-complete');

    assert.deepEqual(
      completions.map((timed) => timed.event.type === 'block-complete' && timed.event.index),
      [0, 1, 2, 3],
    );
    const toolB = server.sent.find((block) => block.blockIndex === 2);
    const toolC = server.sent.find((block) => block.blockIndex === 3);
    assert.ok(toolB && toolC);
    assert.ok(completions[1]!.at < toolB.startedAt, 'tool a is complete before tool b starts on the wire');
    assert.ok(completions[2]!.at < toolC.startedAt, 'tool b is complete before tool c starts on the wire');
    assert.deepEqual(completedBlocks(timed.map((timed) => timed.event))[3], {
      type: 'tool_use',
      id: 'toolu_c',
      name: 'Read',
      input: { path: 'c.ts' },
    });
    const last = timed.at(-1)?.event;
    assert.equal(last?.type === 'message-complete' && last.stopReason, 'tool_use');
  });

  it('streams tool input deltas that add up to the tool input JSON', async () => {
    server.enqueue({
      blocks: [
        { toolUse: { name: 'Grep', input: { pattern: 'export function \\w+' } }, chunk: { tokens: 1 } },
      ],
    });
    const events = await collectEvents(client.stream(modelRequest()));
    const pieces = events.flatMap((event) => (event.type === 'tool-input-delta' ? [event] : []));

    assert.ok(pieces.length > 3);
    assert.ok(
      pieces.every((piece) => piece.name === 'Grep' && piece.id === pieces[0]!.id && piece.index === 0),
    );
    assert.deepEqual(JSON.parse(pieces.map((piece) => piece.partialJson).join('')), {
      pattern: 'export function \\w+',
    });
  });

  it('sends thinking blocks back verbatim, signature included, on the next turn', async () => {
    server.enqueue({
      blocks: [
        { thinking: 'The user wants the file; read it first.', signature: 'EqQBCkYIBxgCKkB-signature==' },
        { toolUse: { id: 'toolu_read', name: 'Read', input: { path: 'src/app.ts' } } },
      ],
    });
    const request = modelRequest({ thinkingBudget: 2048 });
    const first = await collectEvents(client.stream(request));
    const blocks = completedBlocks(first);
    assert.deepEqual(blocks[0], {
      type: 'thinking',
      thinking: 'The user wants the file; read it first.',
      signature: 'EqQBCkYIBxgCKkB-signature==',
    });

    const messages: Message[] = [
      ...request.messages,
      { role: 'assistant', content: blocks },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolUseId: 'toolu_read', content: 'export {}', isError: false }],
      },
    ];
    await collectEvents(client.stream(modelRequest({ messages, thinkingBudget: 2048 })));

    const second = server.modelRequests[1]?.body;
    assert.deepEqual(valueAt(second, 'thinking'), { type: 'enabled', budget_tokens: 2048 });
    assert.deepEqual(valueAt(second, 'messages', 1, 'content', 0), {
      type: 'thinking',
      thinking: 'The user wants the file; read it first.',
      signature: 'EqQBCkYIBxgCKkB-signature==',
    });
    assert.deepEqual(valueAt(second, 'messages', 2, 'content', 0), {
      type: 'tool_result',
      tool_use_id: 'toolu_read',
      content: 'export {}',
      cache_control: { type: 'ephemeral' },
    });
  });

  it('puts cache breakpoints on the system layers, the previous request and the newest message', async () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'first question' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'first answer' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>todos</system-reminder>' },
          { type: 'text', text: 'second' },
        ],
      },
    ];
    const system = [
      { text: 'You are Tandem.', cacheBreakpoint: true },
      { text: 'cwd: /work', cacheBreakpoint: true },
      { text: 'servers: none' },
    ];
    await collectEvents(client.stream(modelRequest({ messages, system })));
    const body = server.modelRequests[0]?.body;
    const ephemeral = { type: 'ephemeral' };

    assert.equal(valueAt(body, 'tools', 1, 'cache_control'), undefined, 'the system marks cover the tools');
    assert.deepEqual(valueAt(body, 'system', 0, 'cache_control'), ephemeral);
    assert.deepEqual(valueAt(body, 'system', 1, 'cache_control'), ephemeral);
    assert.equal(valueAt(body, 'system', 2, 'cache_control'), undefined);
    assert.deepEqual(valueAt(body, 'messages', 0, 'content', 0, 'cache_control'), ephemeral);
    assert.equal(valueAt(body, 'messages', 2, 'content', 0, 'cache_control'), undefined);
    assert.deepEqual(valueAt(body, 'messages', 2, 'content', 1, 'cache_control'), ephemeral);
    assert.equal(countBreakpoints(body), 4);
  });

  it('marks the last tool when no system block ends a layer', async () => {
    await collectEvents(client.stream(modelRequest({ system: [{ text: 'Summarise.' }] })));
    const body = server.modelRequests[0]?.body;
    assert.deepEqual(valueAt(body, 'tools', 1, 'cache_control'), { type: 'ephemeral' });
    assert.equal(countBreakpoints(body), 2);
  });

  it('never sends more than four breakpoints, keeping the newest message, the previous request and the first and last system marks', async () => {
    const system = Array.from({ length: 5 }, (_, index) => ({
      text: `section ${index}`,
      cacheBreakpoint: true,
    }));
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'question' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
      { role: 'user', content: [{ type: 'text', text: 'next' }] },
    ];
    await collectEvents(client.stream(modelRequest({ system, messages })));
    const body = server.modelRequests[0]?.body;

    assert.equal(countBreakpoints(body), 4);
    assert.deepEqual(valueAt(body, 'messages', -1, 'content', -1, 'cache_control'), { type: 'ephemeral' });
    assert.deepEqual(valueAt(body, 'messages', 0, 'content', -1, 'cache_control'), { type: 'ephemeral' });
    assert.deepEqual(valueAt(body, 'system', 0, 'cache_control'), { type: 'ephemeral' });
    assert.deepEqual(valueAt(body, 'system', 4, 'cache_control'), { type: 'ephemeral' });
  });

  it('moves the breakpoints along a growing history without leaving one behind', async () => {
    const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'start' }] }];
    for (let turn = 0; turn < 6; turn += 1) {
      await collectEvents(client.stream(modelRequest({ messages: [...messages] })));
      messages.push(
        { role: 'assistant', content: [{ type: 'tool_use', id: `toolu_${turn}`, name: 'Read', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolUseId: `toolu_${turn}`, content: 'x', isError: false }],
        },
      );
    }
    for (const request of server.modelRequests) {
      const sent = valueAt(request.body, 'messages') as unknown[];
      const marked = sent.flatMap((message, index) => (countBreakpoints(message) > 0 ? [index] : []));
      assert.deepEqual(marked, sent.length === 1 ? [0] : [sent.length - 3, sent.length - 1]);
    }
  });

  const faults: { fault: HttpFault; kind: ModelErrorKind; retryAfterMs?: number }[] = [
    { fault: { fault: 'http', status: 429, retryAfter: 7 }, kind: 'rate_limit', retryAfterMs: 7000 },
    { fault: { fault: 'http', status: 429, retryAfter: 0 }, kind: 'rate_limit', retryAfterMs: 0 },
    {
      fault: { fault: 'http', status: 529, retryAfterMs: 250, retryAfter: 3 },
      kind: 'overloaded',
      retryAfterMs: 250,
    },
    { fault: { fault: 'http', status: 529 }, kind: 'overloaded' },
    { fault: { fault: 'http', status: 500 }, kind: 'server' },
    { fault: { fault: 'http', status: 503, retryAfter: 1 }, kind: 'server', retryAfterMs: 1000 },
    { fault: { fault: 'http', status: 400 }, kind: 'prompt_too_long' },
    { fault: { fault: 'http', status: 413 }, kind: 'prompt_too_long' },
    {
      fault: { fault: 'http', status: 400, message: 'messages: roles must alternate' },
      kind: 'invalid_request',
    },
    { fault: { fault: 'http', status: 401 }, kind: 'authentication' },
    { fault: { fault: 'http', status: 403 }, kind: 'authentication' },
  ];
  for (const { fault, kind, retryAfterMs } of faults) {
    const wait = retryAfterMs === undefined ? '' : `, to retry in ${retryAfterMs} ms`;
    it(`reports HTTP ${fault.status}${fault.message ? ` "${fault.message}"` : ''} as ${kind}${wait}`, async () => {
      server.enqueue(fault);
      const error = onlyError(await collectEvents(client.stream(modelRequest())));
      assert.equal(error.kind, kind);
      assert.equal(error.status, fault.status);
      assert.equal(error.retryAfterMs, retryAfterMs);
      assert.equal(server.modelRequests.length, 1, 'the client does not retry on its own');
    });
  }

  it('reports a reset mid-stream as a connection error after the blocks that did arrive', async () => {
    server.enqueue({
      fault: 'reset-mid-stream',
      afterBlocks: 1,
      blocks: [{ text: 'Half an answer' }, { text: 'never sent' }],
    });
    const events = await collectEvents(client.stream(modelRequest()));

    assert.deepEqual(completedBlocks(events), [{ type: 'text', text: 'Half an answer' }]);
    assert.equal(onlyError(events).kind, 'connection');
  });

  it('reports an error event sent mid-stream by its type, after the blocks that arrived', async () => {
    server.enqueue(
      { fault: 'error-mid-stream', afterBlocks: 1 },
      { fault: 'error-mid-stream', afterBlocks: 0, status: 429 },
    );
    const overloaded = await collectEvents(client.stream(modelRequest()));
    assert.equal(completedBlocks(overloaded).length, 1);
    assert.equal(onlyError(overloaded).kind, 'overloaded');
    assert.equal(onlyError(await collectEvents(client.stream(modelRequest()))).kind, 'rate_limit');
  });

  it('sends tool schemas as objects without the $schema marker, and drops empty text blocks', async () => {
    const tools = [
      {
        name: 'Read',
        description: 'r',
        inputSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', properties: {} },
      },
    ];
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'hello' },
        ],
      },
    ];
    await collectEvents(client.stream(modelRequest({ tools, messages })));
    const body = server.modelRequests[0]?.body;
    assert.deepEqual(valueAt(body, 'tools', 0, 'input_schema'), { type: 'object', properties: {} });
    assert.deepEqual(valueAt(body, 'messages', 0, 'content'), [
      { type: 'text', text: 'hello', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('hands over a tool call whose JSON is broken with inputError and the raw text', async () => {
    server.enqueue({ fault: 'malformed-tool-json', name: 'Write', id: 'toolu_bad' });
    const events = await collectEvents(client.stream(modelRequest()));
    const complete = events.find((event) => event.type === 'block-complete');

    assert.ok(complete?.type === 'block-complete');
    assert.match(complete.inputError ?? '', /not valid JSON/);
    assert.deepEqual(complete.block, {
      type: 'tool_use',
      id: 'toolu_bad',
      name: 'Write',
      input: '{"path": "src/app.ts", "content": "unterminated',
    });
    assert.equal(events.at(-1)?.type, 'message-complete');
  });

  it('ends with an aborted error when the signal fires mid-stream', async () => {
    server.enqueue({
      blocks: [
        { text: 'a long, slowly streamed answer that will be cut', chunk: { tokens: 1, delayMs: 100 } },
      ],
    });
    const controller = new AbortController();
    const events: ModelStreamEvent[] = [];
    for await (const event of client.stream(modelRequest({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    assert.equal(onlyError(events).kind, 'aborted');
    assert.ok(!events.some((event) => event.type === 'message-complete'));
  });

  it('ends with an aborted error when the signal fires before the response starts', async () => {
    // The server would answer after a minute: a stream that waited for it would never end in time.
    server.enqueue({ blocks: [{ text: 'late' }], delayMs: 60_000 });
    const controller = new AbortController();
    const collecting = collectEvents(client.stream(modelRequest({ signal: controller.signal })));
    while (server.modelRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const events = await collecting;
    assert.equal(onlyError(events).kind, 'aborted');
    assert.equal(server.sent.length, 0, 'the stream ended before the server sent anything');
  });

  it('does not call the API when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collectEvents(client.stream(modelRequest({ signal: controller.signal })));
    assert.equal(onlyError(events).kind, 'aborted');
    assert.equal(server.requests.length, 0);
  });

  it('asks for ANTHROPIC_API_KEY when no key is configured, without calling the API', async () => {
    const keyless = new AnthropicClient({ baseUrl: server.url, env: {} });
    const error = onlyError(await collectEvents(keyless.stream(modelRequest())));
    assert.equal(error.kind, 'authentication');
    assert.match(error.message, /Set ANTHROPIC_API_KEY/);
    assert.equal(server.requests.length, 0);
  });

  it('takes the key and base URL from the environment, and sends the configured headers', async () => {
    let fetches = 0;
    const fromEnv = new AnthropicClient({
      env: { ANTHROPIC_API_KEY: 'env-key', ANTHROPIC_BASE_URL: server.url },
      defaultHeaders: { 'x-tandem-session': 's-1' },
      fetch: (input, init) => {
        fetches += 1;
        return fetch(input, init);
      },
    });
    const events = await collectEvents(fromEnv.stream(modelRequest()));
    assert.equal(events.at(-1)?.type, 'message-complete');
    const headers = server.modelRequests[0]?.headers ?? {};
    assert.ok(headers.authorization === 'Bearer env-key' || headers['x-api-key'] === 'env-key');
    assert.equal(headers['x-tandem-session'], 's-1');
    assert.equal(fetches, 1);
  });

  it('reports an unreachable server as a connection error', async () => {
    const gone = new ScriptedModelServer();
    const { url } = await gone.start();
    await gone.close();
    const unreachable = new AnthropicClient({ apiKey: 'test-key', baseUrl: url, env: {} });
    const error = onlyError(await collectEvents(unreachable.stream(modelRequest())));
    assert.equal(error.kind, 'connection');
  });

  it('answers "done" when the script has run out', async () => {
    const events = await collectEvents(client.stream(modelRequest()));
    assert.deepEqual(completedBlocks(events), [{ type: 'text', text: 'done' }]);
  });
});

describe('toModelError (Anthropic)', () => {
  const streamed = (type: string, message: string): APIError =>
    new APIError(
      undefined,
      { type: 'error', error: { type, message } },
      message,
      undefined,
      type as APIError['type'],
    );

  it('classifies an error event sent mid-stream by its body type', () => {
    assert.equal(toModelError(streamed('overloaded_error', 'Overloaded')).kind, 'overloaded');
    assert.equal(toModelError(streamed('api_error', 'Internal error')).kind, 'server');
    assert.equal(
      toModelError(streamed('invalid_request_error', 'prompt is too long: 1 > 0')).kind,
      'prompt_too_long',
    );
  });

  it('keeps an unexpected throw as unknown rather than guessing', () => {
    assert.equal(toModelError(new RangeError('boom')).kind, 'unknown');
  });
});

function countBreakpoints(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countBreakpoints(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [key, item]) => sum + (key === 'cache_control' ? 1 : countBreakpoints(item)),
    0,
  );
}
