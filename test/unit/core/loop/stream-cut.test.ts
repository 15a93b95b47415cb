import { strict as assert } from 'node:assert';
import type { PermissionGate } from '../../../../src/core/execution/permission-gate';
import type { AssistantMessage, Message, ToolResultBlock } from '../../../../src/core/messages/message';
import type { ModelError } from '../../../../src/core/model/model-client';
import { defaultRetryPolicy } from '../../../../src/core/loop/retry-policy';
import { FakeModelClient } from '../../../support/fake-model-client';
import type { CallRecord } from '../../../support/loop-harness';
import { instantClock, runQuery, timingTools } from '../../../support/loop-harness';

const use = (id: string, name: string, input: unknown) => ({ type: 'tool_use' as const, id, name, input });
const text = (value: string) => ({ type: 'text' as const, text: value });
const reset: ModelError = { kind: 'connection', message: 'socket hang up' };
const overloaded: ModelError = { kind: 'overloaded', message: 'Overloaded' };

const resultsIn = (messages: readonly Message[]): ToolResultBlock[] =>
  messages.flatMap((message) =>
    message.role === 'user'
      ? message.content.filter((block): block is ToolResultBlock => block.type === 'tool_result')
      : [],
  );

describe('query loop when a stream fails after complete tool calls', () => {
  it('keeps the completed calls, runs each once, and goes on from their results', async () => {
    const log: CallRecord[] = [];
    const clock = instantClock();
    const client = new FakeModelClient([
      {
        error: reset,
        afterBlocks: [
          text('Changing, then waiting.'),
          use('a', 'Change', { ms: 5 }),
          use('b', 'Wait', { ms: 5 }),
        ],
      },
      { blocks: [text('both done')] },
    ]);
    const run = await runQuery(client, timingTools(log), { clock });

    assert.equal(run.reason, 'completed');
    assert.deepEqual(
      log.map((record) => [record.id, record.aborted]),
      [
        ['a', false],
        ['b', false],
      ],
      'each call ran once, to the end',
    );
    assert.deepEqual(
      run.state.messages.map((message) => message.role),
      ['user', 'assistant', 'user', 'assistant'],
    );
    const kept = run.state.messages[1] as AssistantMessage;
    assert.deepEqual(
      kept.content.map((block) => block.type),
      ['text', 'tool_use', 'tool_use'],
    );
    assert.deepEqual(kept.cutOff, { reason: 'socket hang up' });
    assert.deepEqual(
      resultsIn(client.requests[1]?.messages ?? []).map((block) => [block.toolUseId, block.isError]),
      [
        ['a', false],
        ['b', false],
      ],
      'the retry carries both results',
    );
    assert.ok(!run.events.some((event) => event.type === 'stream-discard'));
    assert.deepEqual(
      run.transitions.map((transition) => transition.reason),
      ['stream-cut'],
    );
    assert.deepEqual(run.transitions[0], { reason: 'stream-cut', toolCalls: 2 });
    assert.equal(run.state.turnCount, 2, 'the call after a cut is a new turn');
    assert.deepEqual(clock.sleeps, [0], 'a reset is retried at once, as without calls');
  });

  it('announces the cut before the kept message, and says which streamed text was dropped', async () => {
    const client = new FakeModelClient([
      { error: reset, afterBlocks: [text('First. '), use('a', 'Wait', { ms: 1 }), text('Then the tests.')] },
    ]);
    const run = await runQuery(client, timingTools([]));
    const kept = run.state.messages[1] as AssistantMessage;
    assert.deepEqual(kept.content, [text('First. '), use('a', 'Wait', { ms: 1 })]);
    const cutAt = run.events.findIndex((event) => event.type === 'stream-cut');
    const cut = run.events[cutAt];
    assert.equal(cut?.type === 'stream-cut' ? cut.droppedText : undefined, 'Then the tests.');
    assert.equal(cut?.type === 'stream-cut' ? cut.message : undefined, kept);
    const appendAt = run.events.findIndex(
      (event) => event.type === 'message-append' && event.message === kept,
    );
    assert.ok(cutAt !== -1 && cutAt < appendAt, 'the cut is announced, then the message appended');
    assert.ok(
      !run.events.some((event) => event.type === 'message-end' && event.message === kept),
      'a cut message has no stop reason nor usage to report',
    );
  });

  it('asks once for a call still waiting for the person when the stream dies, and runs it', async () => {
    const log: CallRecord[] = [];
    let asked = 0;
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const gate: PermissionGate = {
      check: async () => {
        asked += 1;
        await answered;
        return { behavior: 'allow' };
      },
    };
    const client = new FakeModelClient([
      { error: overloaded, afterBlocks: [use('a', 'Change', { ms: 1 })] },
      { blocks: [text('done')] },
    ]);
    const run = await runQuery(client, timingTools(log), {
      gate,
      // The person answers only after the loop has seen the stream die.
      onEvent: (event) => {
        if (event.type === 'stream-cut') answer();
      },
    });
    assert.equal(run.reason, 'completed');
    assert.equal(asked, 1, 'the prompt was not asked again');
    assert.deepEqual(
      log.map((record) => [record.id, record.aborted]),
      [['a', false]],
    );
    assert.match(String(resultsIn(client.requests[1]?.messages ?? [])[0]?.content), /Change ok/);
  });

  it('backs off cut after cut with the attempts of one request', async () => {
    const clock = instantClock();
    const client = new FakeModelClient([
      { error: overloaded, afterBlocks: [use('a', 'Wait', { ms: 1 })] },
      { error: overloaded, afterBlocks: [use('b', 'Wait', { ms: 1 })] },
      { blocks: [text('done')] },
    ]);
    const run = await runQuery(client, timingTools([]), { clock });
    assert.equal(run.reason, 'completed');
    assert.deepEqual(clock.sleeps, [188, 375], 'the second cut waits as a second retry');
    assert.equal(client.requests.length, 3);
  });

  it('ends with model_error after the last retry, with every kept call answered in the history', async () => {
    const client = new FakeModelClient([
      { error: overloaded, afterBlocks: [use('a', 'Wait', { ms: 1 })] },
      { error: overloaded, afterBlocks: [use('b', 'Wait', { ms: 1 })] },
    ]);
    const run = await runQuery(client, timingTools([]), {
      retry: { ...defaultRetryPolicy, maxRetries: 1, fallbackAfter: 99 },
    });
    assert.equal(run.reason, 'model_error');
    assert.equal(client.requests.length, 2);
    assert.deepEqual(
      run.state.messages.map((message) => message.role),
      ['user', 'assistant', 'user', 'assistant', 'user'],
    );
    assert.deepEqual(
      resultsIn(run.state.messages).map((block) => block.toolUseId),
      ['a', 'b'],
    );
  });

  it('keeps a completed call when the failure is not retryable, and ends with model_error', async () => {
    const log: CallRecord[] = [];
    const client = new FakeModelClient([
      { error: { kind: 'invalid_request', message: 'bad' }, afterBlocks: [use('a', 'Change', { ms: 1 })] },
    ]);
    const run = await runQuery(client, timingTools(log));
    assert.equal(run.reason, 'model_error');
    assert.deepEqual(
      log.map((record) => record.aborted),
      [false],
    );
    assert.equal(run.state.messages.at(-1)?.role, 'user', 'the history ends with the call answered');
  });

  it('keeps the streamed text and the whole call, answered as interrupted, when the person stops mid-answer', async () => {
    const log: CallRecord[] = [];
    const controller = new AbortController();
    // The person presses Stop while the call waits for them and the answer is still streaming.
    const gate: PermissionGate = {
      check: async () => {
        controller.abort();
        return { behavior: 'allow' };
      },
    };
    const client = new FakeModelClient([
      {
        blocks: [text('first part'), use('a', 'Wait', { ms: 1 }), { ...text('never sent'), delayMs: 5_000 }],
      },
    ]);
    const run = await runQuery(client, timingTools(log), { signal: controller.signal, gate });
    assert.equal(run.reason, 'aborted');
    assert.equal(log.length, 0, 'the call did not run');
    const [answer, results] = run.state.messages.slice(1);
    assert.deepEqual(answer, {
      role: 'assistant',
      content: [text('first part'), { type: 'tool_use', id: 'a', name: 'Wait', input: { ms: 1 } }],
      model: 'test-model',
      interrupted: true,
    });
    assert.equal(results?.role, 'user');
    const result = results?.content[0];
    assert.equal(result?.type === 'tool_result' && result.toolUseId, 'a');
    assert.equal(result?.type === 'tool_result' && result.isError, true, 'the model hears it did not run');
    assert.ok(!run.events.some((event) => event.type === 'stream-cut'));
  });
});
