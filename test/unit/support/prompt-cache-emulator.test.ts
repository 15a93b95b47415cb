import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import type { PromptCacheReport, PromptCacheRefusal } from '../../support/prompt-cache-emulator';
import { PromptCacheEmulator } from '../../support/prompt-cache-emulator';
import { ScriptedModelServer } from '../../support/scripted-model-server';

const ephemeral = { type: 'ephemeral' } as const;

/** A text block of about `tokens` tokens (its JSON is counted at four characters a token). */
const text = (tokens: number, marked = false, fill = 'x') => ({
  type: 'text',
  text: fill.repeat(tokens * 4 - 25),
  ...(marked ? { cache_control: ephemeral } : {}),
});

/** A conversation of `turns` user/assistant pairs of one block each, the last block marked. */
function conversation(turns: number, options: { markEvery?: boolean } = {}) {
  const messages = [];
  for (let turn = 0; turn < turns; turn += 1) {
    const last = turn === turns - 1;
    messages.push({
      role: 'user',
      content: [text(100, last || options.markEvery === true, String(turn % 10))],
    });
    if (!last) messages.push({ role: 'assistant', content: [text(100, false, String(turn % 10))] });
  }
  return messages;
}

function body(messages: unknown[], system: unknown[] = [text(2_000, true)]) {
  return { model: 'claude-sonnet-4-6', max_tokens: 100, system, messages };
}

function report(result: PromptCacheReport | PromptCacheRefusal): PromptCacheReport {
  assert.ok('usage' in result, `refused: ${'message' in result ? result.message : ''}`);
  return result;
}

describe('PromptCacheEmulator', () => {
  it('writes the prefix up to the last breakpoint on a first request and bills the rest as input', () => {
    const cache = new PromptCacheEmulator();
    const first = report(cache.apply(body([{ role: 'user', content: [text(300, true), text(50)] }])));
    assert.deepEqual(first.usage, {
      input_tokens: 50,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 2_300,
    });
    assert.deepEqual(
      first.breakpoints.map((point) => point.outcome),
      ['write', 'write'],
    );
  });

  it('reads the previous request through the lookback and writes only the newest turn', () => {
    const cache = new PromptCacheEmulator();
    report(cache.apply(body(conversation(3))));
    const next = report(cache.apply(body(conversation(4))));
    assert.equal(next.usage.cache_read_input_tokens, 2_000 + 5 * 100);
    assert.equal(next.usage.cache_creation_input_tokens, 2 * 100);
    assert.equal(next.usage.input_tokens, 0);
  });

  it('misses the previous entry when a turn adds more than 20 blocks after it', () => {
    const cache = new PromptCacheEmulator();
    report(cache.apply(body(conversation(3))));
    // 11 new pairs = 22 blocks between the old breakpoint and the new one: only the system prompt hits.
    const wide = report(cache.apply(body(conversation(14))));
    assert.equal(wide.usage.cache_read_input_tokens, 2_000);
    assert.equal(wide.usage.cache_creation_input_tokens, 27 * 100);
  });

  it('finds a 20-block-old entry (the lookback includes 20 blocks before the breakpoint)', () => {
    const cache = new PromptCacheEmulator();
    report(cache.apply(body(conversation(3))));
    const edge = report(cache.apply(body(conversation(13))));
    assert.equal(edge.usage.cache_read_input_tokens, 2_000 + 5 * 100);
  });

  it('neither writes nor reads a prefix shorter than the minimum', () => {
    const cache = new PromptCacheEmulator({ minimumTokens: 1_024 });
    const short = body([{ role: 'user', content: [text(100, true)] }], [text(500)]);
    const first = report(cache.apply(short));
    const second = report(cache.apply(short));
    assert.equal(first.usage.cache_creation_input_tokens, 0);
    assert.equal(second.usage.cache_read_input_tokens, 0);
    assert.equal(second.usage.input_tokens, 600);
    assert.deepEqual(
      second.breakpoints.map((point) => point.outcome),
      ['too-short'],
    );
  });

  it('keeps what precedes a change and rewrites what follows it', () => {
    const cache = new PromptCacheEmulator();
    const tools = [{ name: 'Read', description: 'r'.repeat(8_000), input_schema: { type: 'object' } }];
    const request = (systemFill: string) => ({
      ...body([{ role: 'user', content: [text(100, true)] }], [text(300, true, systemFill)]),
      tools: [{ ...tools[0], cache_control: ephemeral }],
    });
    report(cache.apply(request('a')));
    const changed = report(cache.apply(request('b')));
    const [tool, , newest] = changed.breakpoints;
    assert.equal(changed.usage.cache_read_input_tokens, tool!.prefixTokens);
    assert.equal(changed.usage.cache_creation_input_tokens, newest!.prefixTokens - tool!.prefixTokens);
    assert.deepEqual(
      changed.breakpoints.map((point) => point.outcome),
      ['read', 'write', 'write'],
    );
  });

  it('treats key order as irrelevant and a changed tool_choice as a new message prefix', () => {
    const cache = new PromptCacheEmulator();
    const block = text(100, true, 'y');
    const messages = [
      { role: 'user', content: [{ cache_control: ephemeral, text: block.text, type: 'text' }] },
    ];
    report(cache.apply(body([{ role: 'user', content: [block] }])));
    assert.equal(report(cache.apply(body(messages))).usage.cache_creation_input_tokens, 0);
    const forced = { ...body(messages), tool_choice: { type: 'any' } };
    assert.equal(report(cache.apply(forced)).usage.cache_read_input_tokens, 2_000);
  });

  it('leaves deferred tools out of the prefix, so loading one later keeps the cache', () => {
    const cache = new PromptCacheEmulator();
    const tool = (name: string, deferred: boolean) => ({
      name,
      description: 'd'.repeat(400),
      input_schema: { type: 'object' },
      ...(deferred ? { defer_loading: true } : {}),
    });
    const request = (tools: unknown[]) => ({
      ...body([{ role: 'user', content: [text(100, true)] }]),
      tools,
    });
    report(cache.apply(request([tool('Read', false)])));
    const withDeferred = report(cache.apply(request([tool('Read', false), tool('mcp__x__y', true)])));
    assert.equal(withDeferred.usage.cache_creation_input_tokens, 0);
    assert.equal(withDeferred.usage.input_tokens, 0);
  });

  it('applies the top-level automatic breakpoint to the last cacheable block', () => {
    const cache = new PromptCacheEmulator();
    const request = {
      ...body([{ role: 'user', content: [text(100)] }], [text(2_000)]),
      cache_control: ephemeral,
    };
    report(cache.apply(request));
    assert.equal(report(cache.apply(request)).usage.cache_read_input_tokens, 2_100);
  });

  it('refuses a fifth breakpoint and a breakpoint on a thinking block', () => {
    const cache = new PromptCacheEmulator();
    const five = body([{ role: 'user', content: [1, 2, 3, 4].map(() => text(10, true)) }]);
    assert.match((cache.apply(five) as PromptCacheRefusal).message, /maximum of 4 blocks with cache_control/);
    const thinking = body([
      { role: 'user', content: [text(10)] },
      {
        role: 'assistant',
        content: [{ type: 'thinking', thinking: 't', signature: 's', cache_control: ephemeral }],
      },
    ]);
    assert.ok('message' in cache.apply(thinking));
  });

  describe('in the scripted server, through the real SDK', () => {
    let server: ScriptedModelServer;
    let client: Anthropic;

    beforeEach(async () => {
      server = new ScriptedModelServer({ promptCache: {} });
      const { url } = await server.start();
      client = new Anthropic({ apiKey: 'test', baseURL: url, maxRetries: 0 });
    });

    afterEach(() => server.close());

    it('reports cache reads and writes in the streamed usage and counts tokens the same way', async () => {
      const request = body([{ role: 'user', content: [text(100, true)] }]) as Anthropic.MessageCreateParams;
      const first = await client.messages.stream(request).finalMessage();
      const second = await client.messages.stream(request).finalMessage();
      assert.equal(first.usage.cache_creation_input_tokens, 2_100);
      assert.equal(second.usage.cache_read_input_tokens, 2_100);
      assert.equal(second.usage.input_tokens, 0);
      const counted = await client.messages.countTokens({
        model: request.model,
        system: request.system,
        messages: request.messages,
      });
      assert.equal(counted.input_tokens, 2_100);
      assert.equal(server.modelRequests[1]?.cache?.readThroughBlock, 1);
    });

    it('answers a fifth breakpoint with the API error', async () => {
      const five = body([{ role: 'user', content: [1, 2, 3, 4].map(() => text(10, true)) }]);
      await assert.rejects(
        client.messages.create(five as Anthropic.MessageCreateParamsNonStreaming),
        (error: unknown) => error instanceof Anthropic.BadRequestError && /maximum of 4/.test(error.message),
      );
    });
  });
});
