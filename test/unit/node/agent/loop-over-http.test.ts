import { strict as assert } from 'node:assert';
import type { ToolResultBlock, UserMessage } from '../../../../src/core/messages/message';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { OpenaiClient } from '../../../../src/node/providers/openai-client';
import type { CallRecord } from '../../../support/loop-harness';
import { instantClock, overlapped, runQuery, timingTools } from '../../../support/loop-harness';
import { ScriptedModelServer } from '../../../support/scripted-model-server';

const results = (message: unknown): ToolResultBlock[] =>
  ((message as UserMessage | undefined)?.content ?? []).filter(
    (block): block is ToolResultBlock => block.type === 'tool_result',
  );

describe('the loop over real SDKs and HTTP', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let anthropic: AnthropicClient;
  let openai: OpenaiClient;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { url, openaiBaseUrl } = await server.start();
    anthropic = new AnthropicClient({ baseUrl: url, apiKey: 'test', env: {} });
    openai = new OpenaiClient({ baseUrl: openaiBaseUrl, apiKey: 'test', env: {} });
  });
  afterEach(() => server.close());

  it('runs several tools from one message in parallel and sends the results back in order', async () => {
    const log: CallRecord[] = [];
    server.enqueue({
      blocks: [
        { text: 'Looking at three things.' },
        { toolUse: { id: 'toolu_a', name: 'Wait', input: { ms: 300 } } },
        { toolUse: { id: 'toolu_b', name: 'Wait', input: { ms: 300 } } },
        { toolUse: { id: 'toolu_c', name: 'Wait', input: { ms: 300 } } },
      ],
    });
    const run = await runQuery(anthropic, timingTools(log));
    assert.equal(run.reason, 'completed');
    assert.ok(overlapped(log), 'the calls did not overlap');
    const sent = server.modelRequests[1]?.body as {
      messages: { role: string; content: { tool_use_id?: string }[] }[];
    };
    assert.deepEqual(
      sent.messages.at(-1)?.content.map((block) => block.tool_use_id),
      ['toolu_a', 'toolu_b', 'toolu_c'],
    );
  });

  it('starts the first tool while later blocks are still on the wire', async () => {
    const log: CallRecord[] = [];
    server.enqueue({
      blocks: [
        { toolUse: { id: 'toolu_1', name: 'Change', input: { ms: 400 } } },
        { toolUse: { id: 'toolu_2', name: 'Change', input: { ms: 400 } }, delayMs: 400 },
        { toolUse: { id: 'toolu_3', name: 'Change', input: { ms: 400 } }, delayMs: 400 },
      ],
    });
    const run = await runQuery(anthropic, timingTools(log));
    const firstStart = run.events.findIndex(
      (event) => event.type === 'tool-execution-start' && event.toolUseId === 'toolu_1',
    );
    const messageEnd = run.events.findIndex((event) => event.type === 'message-end');
    assert.ok(firstStart !== -1 && firstStart < messageEnd, 'the first call waited for the whole message');
    assert.ok(log[0]!.end < log[1]!.start, 'writing calls overlapped');
  });

  it('aborts a running tool mid-call and the turn ends as aborted', async () => {
    const log: CallRecord[] = [];
    const controller = new AbortController();
    server.enqueue({ blocks: [{ toolUse: { name: 'Wait', input: { ms: 10_000 } } }] });
    setTimeout(() => controller.abort(), 300);
    const run = await runQuery(anthropic, timingTools(log), { signal: controller.signal });
    assert.equal(run.reason, 'aborted');
    assert.equal(log[0]?.aborted, true);
  });

  it('retries after a 429 with retry-after and a 529, then succeeds', async () => {
    const clock = instantClock();
    server.enqueue(
      { fault: 'http', status: 429, retryAfter: 3 },
      { fault: 'http', status: 529 },
      { blocks: [{ text: 'ok' }] },
    );
    const run = await runQuery(anthropic, [], { clock });
    assert.equal(run.reason, 'completed');
    assert.equal(clock.sleeps[0], 3_000);
    assert.equal(server.modelRequests.length, 3);
  });

  it('recovers from a connection reset mid-stream without a half tool call in the history', async () => {
    server.enqueue(
      {
        fault: 'reset-mid-stream',
        afterBlocks: 1,
        blocks: [{ text: 'partial' }, { toolUse: { name: 'Wait', input: { ms: 1 } } }],
      },
      { blocks: [{ text: 'whole answer' }] },
    );
    const run = await runQuery(anthropic, timingTools([]), { clock: instantClock() });
    assert.equal(run.reason, 'completed');
    assert.deepEqual(
      run.state.messages.map((message) => message.role),
      ['user', 'assistant'],
    );
    assert.match(JSON.stringify(run.state.messages[1]), /whole answer/);
  });

  it('answers malformed tool JSON with an error result and lets the model correct itself', async () => {
    server.enqueue({ fault: 'malformed-tool-json', name: 'Wait' }, { blocks: [{ text: 'fixed' }] });
    const run = await runQuery(anthropic, timingTools([]), { clock: instantClock() });
    assert.equal(run.reason, 'completed');
    const [result] = results(run.state.messages[2]);
    assert.equal(result?.isError, true);
    assert.match(String(result?.content), /not valid JSON/);
  });

  it('continues a message cut at max_tokens with a higher limit', async () => {
    server.enqueue(
      { blocks: [{ text: 'first half' }], stopReason: 'max_tokens' },
      { blocks: [{ text: 'second half' }] },
    );
    const run = await runQuery(anthropic, [], { maxTokens: 1_000, maxOutputTokens: 4_000 });
    assert.equal(run.reason, 'completed');
    const limits = server.modelRequests.map((request) => (request.body as { max_tokens: number }).max_tokens);
    assert.deepEqual(limits, [1_000, 2_000]);
    assert.equal(run.state.transition?.reason, 'output-continue');
  });

  it('runs the same tool turn end to end over the OpenAI chat-completions protocol', async () => {
    const log: CallRecord[] = [];
    server.enqueue(
      {
        blocks: [
          { toolUse: { name: 'Wait', input: { ms: 50 } } },
          { toolUse: { name: 'Wait', input: { ms: 50 } } },
        ],
      },
      { blocks: [{ text: 'both waited' }] },
    );
    const run = await runQuery(openai, timingTools(log), { model: 'gpt-5' });
    assert.equal(run.reason, 'completed');
    assert.equal(log.length, 2);
    const sent = server.modelRequests[1]?.body as { messages: { role: string; tool_call_id?: string }[] };
    assert.deepEqual(sent.messages.filter((message) => message.role === 'tool').length, 2);
    assert.match(JSON.stringify(run.state.messages.at(-1)), /both waited/);
  });
});
