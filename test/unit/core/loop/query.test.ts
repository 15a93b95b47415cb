import { strict as assert } from 'node:assert';
import type { ToolResultBlock, UserMessage } from '../../../../src/core/messages/message';
import { defaultRetryPolicy } from '../../../../src/core/loop/retry-policy';
import { FakeModelClient } from '../../../support/fake-model-client';
import type { CallRecord } from '../../../support/loop-harness';
import { instantClock, overlapped, runQuery, timingTools } from '../../../support/loop-harness';

const use = (id: string, name: string, input: unknown, delayMs?: number) => ({
  type: 'tool_use' as const,
  id,
  name,
  input,
  ...(delayMs ? { delayMs } : {}),
});

function resultsOf(message: UserMessage | undefined): ToolResultBlock[] {
  return (message?.content ?? []).filter((block): block is ToolResultBlock => block.type === 'tool_result');
}

describe('query loop', () => {
  it('runs consecutive read-only calls in parallel and returns results in call order', async () => {
    const log: CallRecord[] = [];
    const client = new FakeModelClient([
      {
        blocks: [use('a', 'Wait', { ms: 150 }), use('b', 'Wait', { ms: 50 }), use('c', 'Wait', { ms: 100 })],
      },
      { blocks: [{ type: 'text', text: 'all done' }] },
    ]);
    const run = await runQuery(client, timingTools(log));
    assert.equal(run.reason, 'completed');
    assert.ok(overlapped(log), 'each call waited for another to end before it started');
    const toolTurn = run.state.messages[2] as UserMessage;
    assert.deepEqual(
      resultsOf(toolTurn).map((block) => block.toolUseId),
      ['a', 'b', 'c'],
    );
    assert.equal(run.state.transition?.reason, 'tool-results');
  });

  it('runs a writing call alone, after the parallel batch before it', async () => {
    const log: CallRecord[] = [];
    const client = new FakeModelClient([
      {
        blocks: [use('a', 'Wait', { ms: 80 }), use('b', 'Change', { ms: 40 }), use('c', 'Wait', { ms: 40 })],
      },
    ]);
    await runQuery(client, timingTools(log));
    const [a, b, c] = ['a', 'b', 'c'].map((id) => log.find((record) => record.id === id)!);
    assert.ok(b!.start >= a!.end, 'Change started before the read finished');
    assert.ok(c!.start >= b!.end, 'a later read overtook the Change');
  });

  it('starts a tool while the rest of the message is still streaming', async () => {
    const log: CallRecord[] = [];
    const client = new FakeModelClient([
      {
        blocks: [
          use('a', 'Wait', { ms: 200 }),
          use('b', 'Wait', { ms: 200 }, 150),
          use('c', 'Wait', { ms: 200 }, 150),
        ],
      },
    ]);
    const run = await runQuery(client, timingTools(log));
    const messageEnd = run.events.findIndex((event) => event.type === 'message-end');
    const startedWhileStreaming = run.events
      .slice(0, messageEnd)
      .flatMap((event) => (event.type === 'tool-execution-start' ? [event.toolUseId] : []));
    // c is the last block: the message may end before its start is reported.
    assert.deepEqual(startedWhileStreaming.slice(0, 2), ['a', 'b'], 'calls waited for the whole message');
    assert.equal(log.length, 3);
  });

  it('answers invalid tool input with an error result the model can act on', async () => {
    const client = new FakeModelClient([{ blocks: [use('a', 'Wait', { ms: 'soon' })] }]);
    const run = await runQuery(client, timingTools([]));
    const [result] = resultsOf(run.state.messages[2] as UserMessage);
    assert.equal(result?.isError, true);
    assert.match(String(result?.content), /Invalid input for Wait[\s\S]*`ms`/);
    assert.equal(run.reason, 'completed');
  });

  it('answers malformed tool JSON and unknown tools with error results, and goes on', async () => {
    const client = new FakeModelClient([
      {
        blocks: [
          { ...use('a', 'Wait', '{"ms": 1'), inputError: 'Unexpected end of JSON input' },
          use('b', 'Teleport', {}),
        ],
      },
    ]);
    const run = await runQuery(client, timingTools([]));
    const [bad, unknown] = resultsOf(run.state.messages[2] as UserMessage);
    assert.match(String(bad?.content), /not valid JSON/);
    assert.match(String(unknown?.content), /No tool named "Teleport"/);
    assert.equal(run.reason, 'completed');
  });

  it('aborts running siblings when a Bash call fails', async () => {
    const log: CallRecord[] = [];
    const client = new FakeModelClient([
      { blocks: [use('a', 'Wait', { ms: 2_000 }), use('b', 'Bash', { ms: 20, fail: true })] },
    ]);
    const run = await runQuery(client, timingTools(log));
    const [wait, bash] = resultsOf(run.state.messages[2] as UserMessage);
    assert.equal(bash?.isError, true);
    assert.match(String(wait?.content), /sibling Bash call/);
    assert.ok(log.find((record) => record.id === 'a')?.aborted);
    assert.equal(run.reason, 'completed');
  });

  it('stops a running tool when the person aborts, and keeps the history valid', async () => {
    const log: CallRecord[] = [];
    const controller = new AbortController();
    const client = new FakeModelClient([{ blocks: [use('a', 'Wait', { ms: 5_000 })] }]);
    setTimeout(() => controller.abort(), 50);
    const run = await runQuery(client, timingTools(log), { signal: controller.signal });
    assert.equal(run.reason, 'aborted');
    assert.ok(log[0]?.aborted);
    const [result] = resultsOf(run.state.messages[2] as UserMessage);
    assert.equal(result?.toolUseId, 'a');
    assert.equal(result?.isError, true);
  });

  it('retries a rate-limited call with back-off that honours retry-after, then succeeds', async () => {
    const clock = instantClock();
    const client = new FakeModelClient([
      { error: { kind: 'rate_limit', message: '429', retryAfterMs: 7_000 } },
      { error: { kind: 'overloaded', message: '529' } },
      { blocks: [{ type: 'text', text: 'hello' }] },
    ]);
    const run = await runQuery(client, [], { clock });
    assert.equal(run.reason, 'completed');
    const retries = run.events.filter((event) => event.type === 'retry-schedule');
    assert.equal(retries.length, 2);
    assert.equal(clock.sleeps[0], 7_000);
    assert.equal(clock.sleeps[1], 375, 'the second attempt doubles the 250 ms base, mid-jitter');
    assert.equal(run.state.turnCount, 1, 'retries must not count as turns');
  });

  it('discards a message whose stream died before any tool call was complete, then retries', async () => {
    const client = new FakeModelClient([
      {
        error: { kind: 'connection', message: 'socket hang up' },
        afterBlocks: [{ type: 'text', text: 'half an answer' }],
      },
      { blocks: [{ type: 'text', text: 'recovered' }] },
    ]);
    const run = await runQuery(client, timingTools([]));
    assert.equal(run.reason, 'completed');
    const discard = run.events.find((event) => event.type === 'stream-discard');
    assert.equal(discard?.type === 'stream-discard' ? discard.droppedText : undefined, 'half an answer');
    assert.deepEqual(
      run.state.messages.map((message) => message.role),
      ['user', 'assistant'],
    );
    assert.doesNotMatch(JSON.stringify(run.state.messages), /half an answer/);
    assert.equal(run.state.transition?.reason, 'retry');
  });

  it('gives up after the configured number of retries with model_error', async () => {
    const client = new FakeModelClient(
      Array.from({ length: 5 }, () => ({ error: { kind: 'server' as const, message: '500' } })),
    );
    const run = await runQuery(client, [], {
      retry: { ...defaultRetryPolicy, maxRetries: 2, fallbackAfter: 99 },
    });
    assert.equal(run.reason, 'model_error');
    assert.equal(client.requests.length, 3);
  });

  it('falls back to the configured model after repeated overloads', async () => {
    const client = new FakeModelClient([
      { error: { kind: 'overloaded', message: '529' } },
      { error: { kind: 'overloaded', message: '529' } },
      { blocks: [{ type: 'text', text: 'from the fallback' }] },
    ]);
    const run = await runQuery(client, [], {
      fallbackModel: 'small-model',
      retry: { ...defaultRetryPolicy, maxRetries: 5, fallbackAfter: 2 },
    });
    assert.equal(run.reason, 'completed');
    assert.deepEqual(
      client.requests.map((request) => request.model),
      ['test-model', 'test-model', 'small-model'],
    );
    assert.ok(run.events.some((event) => event.type === 'model-fallback'));
  });

  it('continues a message cut by max_tokens with a raised limit, at most three times', async () => {
    const client = new FakeModelClient(
      Array.from({ length: 5 }, (_, index) => ({
        blocks: [{ type: 'text' as const, text: `part ${index}` }],
        stopReason: 'max_tokens' as const,
      })),
    );
    const run = await runQuery(client, [], { maxTokens: 1_000, maxOutputTokens: 5_000 });
    assert.equal(run.reason, 'completed');
    assert.deepEqual(
      client.requests.map((request) => request.maxTokens),
      [1_000, 2_000, 4_000, 5_000],
    );
    assert.equal(run.events.filter((event) => event.type === 'output-continue').length, 3);
  });

  it('ends with max_turns when the model keeps calling tools', async () => {
    const client = new FakeModelClient(
      Array.from({ length: 10 }, (_, i) => ({ blocks: [use(`t${i}`, 'Wait', { ms: 1 })] })),
    );
    const run = await runQuery(client, timingTools([]), { maxTurns: 3 });
    assert.equal(run.reason, 'max_turns');
    assert.equal(client.requests.length, 3);
  });

  it('ends with prompt_too_long when the context cannot be compacted', async () => {
    const client = new FakeModelClient([
      { error: { kind: 'prompt_too_long', message: 'prompt is too long' } },
    ]);
    const run = await runQuery(client, []);
    assert.equal(run.reason, 'prompt_too_long');
  });

  it('keeps the streamed text when the person stops mid-answer', async () => {
    const controller = new AbortController();
    const client = new FakeModelClient([
      {
        blocks: [
          { type: 'text', text: 'first part' },
          { type: 'text', text: 'never sent', delayMs: 2_000 },
        ],
      },
    ]);
    setTimeout(() => controller.abort(), 50);
    const run = await runQuery(client, [], { signal: controller.signal });
    assert.equal(run.reason, 'aborted');
    assert.equal(run.state.messages.at(-1)?.role, 'assistant');
    assert.match(JSON.stringify(run.state.messages.at(-1)), /first part/);
  });
});
