import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { valueAt } from '../../support/value-at';

interface SseEvent {
  event: string | undefined;
  data: string;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data };
    });
}

const json = (text: string): unknown => JSON.parse(text) as unknown;

describe('ScriptedModelServer', () => {
  let server: ScriptedModelServer;
  let url: string;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    ({ url } = await server.start());
  });

  afterEach(async () => {
    await server.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('speaks Messages API server-sent events, thinking signature included', async () => {
    server.enqueue([
      { thinking: 'plan', signature: 'sig-1' },
      { text: 'Hi' },
      { toolUse: { name: 'Read', input: { path: 'a' } } },
    ]);
    const response = await post('/v1/messages?beta=true', {
      model: 'claude-x',
      stream: true,
      max_tokens: 10,
      messages: [],
    });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = parseSse(await response.text());

    assert.deepEqual(
      events.map((event) => event.event).filter((name) => name !== 'content_block_delta'),
      [
        'message_start',
        'ping',
        ...['content_block_start', 'content_block_stop'],
        ...['content_block_start', 'content_block_stop'],
        ...['content_block_start', 'content_block_stop'],
        'message_delta',
        'message_stop',
      ],
    );
    const deltas = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => valueAt(json(event.data), 'delta', 'type'));
    assert.deepEqual(
      [...new Set(deltas)],
      ['thinking_delta', 'signature_delta', 'text_delta', 'input_json_delta'],
    );
    const messageDelta = events.find((event) => event.event === 'message_delta');
    assert.equal(valueAt(json(messageDelta?.data ?? '{}'), 'delta', 'stop_reason'), 'tool_use');
    assert.equal(server.requests[0]?.path, '/v1/messages');
    assert.equal(server.requests[0]?.url, '/v1/messages?beta=true');
  });

  it('answers a non-streamed Messages call with one JSON message', async () => {
    server.enqueue({ blocks: [{ text: 'short' }], usage: { input_tokens: 5, output_tokens: 1 } });
    const body = json(
      await (await post('/v1/messages', { model: 'claude-haiku-4-5', max_tokens: 10, messages: [] })).text(),
    );
    assert.deepEqual(valueAt(body, 'content'), [{ type: 'text', text: 'short' }]);
    assert.equal(valueAt(body, 'stop_reason'), 'end_turn');
    assert.equal(valueAt(body, 'usage', 'input_tokens'), 5);
  });

  it('estimates tokens for count_tokens and answers unknown paths with a 404 error body', async () => {
    const count = json(
      await (
        await post('/v1/messages/count_tokens', { messages: [{ role: 'user', content: 'x'.repeat(400) }] })
      ).text(),
    );
    assert.ok(Number(valueAt(count, 'input_tokens')) >= 100);
    const missing = await fetch(`${url}/v1/models`);
    assert.equal(missing.status, 404);
    assert.equal(valueAt(json(await missing.text()), 'error', 'type'), 'not_found_error');
    assert.equal(server.pending, 0, 'neither consumed a scripted turn');
  });

  it('streams OpenAI chunks with tool calls keyed by index, usage on request, then [DONE]', async () => {
    server.enqueue({
      blocks: [
        { text: 'ok' },
        { toolUse: { id: 'call_1', name: 'Grep', input: { pattern: 'abcdefghij' } }, chunk: { tokens: 1 } },
      ],
    });
    const text = await (
      await post('/v1/chat/completions', {
        model: 'gpt-4o',
        stream: true,
        stream_options: { include_usage: true },
        messages: [],
      })
    ).text();
    const frames = parseSse(text).map((frame) => frame.data);
    assert.equal(frames.at(-1), '[DONE]');
    const chunks = frames.slice(0, -1).map(json);
    const calls = chunks.flatMap((chunk) => {
      const call = valueAt(chunk, 'choices', 0, 'delta', 'tool_calls', 0);
      return call === undefined ? [] : [call];
    });
    assert.deepEqual(valueAt(calls[0], 'id'), 'call_1');
    assert.deepEqual(valueAt(calls[0], 'function', 'name'), 'Grep');
    assert.ok(
      calls.slice(1).every((call) => valueAt(call, 'index') === 0 && valueAt(call, 'id') === undefined),
    );
    assert.deepEqual(json(calls.map((call) => String(valueAt(call, 'function', 'arguments'))).join('')), {
      pattern: 'abcdefghij',
    });
    assert.equal(valueAt(chunks.at(-2), 'choices', 0, 'finish_reason'), 'tool_calls');
    assert.deepEqual(valueAt(chunks.at(-1), 'choices'), []);
    assert.equal(typeof valueAt(chunks.at(-1), 'usage', 'prompt_tokens'), 'number');
  });

  it('sends no usage chunk when the client did not ask for one', async () => {
    const text = await (
      await post('/v1/chat/completions', { model: 'gpt-4o', stream: true, messages: [] })
    ).text();
    const chunks = parseSse(text)
      .map((frame) => frame.data)
      .filter((data) => data !== '[DONE]')
      .map(json);
    assert.ok(chunks.every((chunk) => valueAt(chunk, 'usage') === undefined));
  });

  it('answers a non-streamed chat completion with tool calls', async () => {
    server.enqueue([{ toolUse: { id: 'call_9', name: 'Read', input: { path: 'x' } } }]);
    const body = json(await (await post('/v1/chat/completions', { model: 'gpt-4.1', messages: [] })).text());
    assert.deepEqual(valueAt(body, 'choices', 0, 'message', 'tool_calls', 0), {
      id: 'call_9',
      type: 'function',
      function: { name: 'Read', arguments: '{"path":"x"}' },
    });
    assert.equal(valueAt(body, 'choices', 0, 'finish_reason'), 'tool_calls');
  });

  it('lets a turn answer from the request it received', async () => {
    server.enqueue((request) => [
      { text: `you said ${String(valueAt(request.body, 'messages', 0, 'content'))}` },
    ]);
    const body = json(
      await (
        await post(
          '/v1/messages',
          { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'ping' }] },
          { 'x-probe': '1' },
        )
      ).text(),
    );
    assert.equal(valueAt(body, 'content', 0, 'text'), 'you said ping');
    assert.equal(server.requests[0]?.headers['x-probe'], '1');
  });

  it('paces deltas by the scripted token rate', async () => {
    server.enqueue({ blocks: [{ text: 'a'.repeat(20), chunk: { tokens: 1, delayMs: 50 } }] });
    const started = performance.now();
    await (await post('/v1/messages', { model: 'm', stream: true, max_tokens: 5, messages: [] })).text();
    assert.ok(performance.now() - started >= 190, '5 deltas 50 ms apart take at least 200 ms');
  });

  it('sends HTTP faults with retry-after and the provider error shape', async () => {
    server.enqueue(
      { fault: 'http', status: 429, retryAfter: 4 },
      { fault: 'http', status: 429, retryAfter: 4 },
    );
    const anthropic = await post('/v1/messages', { model: 'm', max_tokens: 5, messages: [] });
    assert.equal(anthropic.status, 429);
    assert.equal(anthropic.headers.get('retry-after'), '4');
    assert.deepEqual(valueAt(json(await anthropic.text()), 'error', 'type'), 'rate_limit_error');
    const openai = await post('/v1/chat/completions', { model: 'm', messages: [] });
    assert.equal(valueAt(json(await openai.text()), 'error', 'code'), 'rate_limit_exceeded');
  });

  it('cuts a stream inside a block, once the test lets it', async () => {
    let released = false;
    const holdUntil = new Promise<void>((resolve) =>
      setTimeout(() => {
        released = true;
        resolve();
      }, 30),
    );
    server.enqueue({
      fault: 'error-mid-stream',
      afterBlocks: 1,
      partialDeltas: 1,
      holdUntil,
      blocks: [
        { text: 'Appending.' },
        { toolUse: { name: 'Bash', input: { command: 'echo x >> notes.md' } }, chunk: { tokens: 2 } },
      ],
    });
    const response = await post('/v1/messages', { model: 'm', stream: true, max_tokens: 5, messages: [] });
    const events = parseSse(await response.text());
    assert.ok(released, 'the fault struck before the test released it');
    assert.deepEqual(
      events.map((event) => event.event),
      [
        'message_start',
        'ping',
        ...['content_block_start', 'content_block_delta', 'content_block_stop'],
        ...['content_block_start', 'content_block_delta'],
        'error',
      ],
    );
    const toolDelta = events.at(-2);
    assert.equal(valueAt(json(toolDelta?.data ?? '{}'), 'delta', 'type'), 'input_json_delta');
  });

  it('drops streams still in flight when closed', async () => {
    server.enqueue({ blocks: [{ text: 'x'.repeat(400), chunk: { tokens: 1, delayMs: 200 } }] });
    const response = await post('/v1/messages', { model: 'm', stream: true, max_tokens: 5, messages: [] });
    const reading = response.text().then(
      () => 'ended',
      () => 'broken',
    );
    await server.close();
    assert.equal(await reading, 'broken');
  });
});
