import { strict as assert } from 'node:assert';
import { createCompactor, renderTranscript } from '../../../../src/core/context/compactor';
import type { CompactRequest } from '../../../../src/core/context/compactor';
import type { Message } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import { FakeModelClient } from '../../../support/fake-model-client';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { runQuery, timingTools } from '../../../support/loop-harness';
import { ScriptedModelServer } from '../../../support/scripted-model-server';

const history: Message[] = [
  userText('rename the parser'),
  {
    role: 'assistant',
    content: [{ type: 'tool_use', id: 't1', name: 'Read', input: { file_path: '/w/parser.ts' } }],
  },
  {
    role: 'user',
    content: [{ type: 'tool_result', toolUseId: 't1', content: 'x'.repeat(5_000), isError: false }],
  },
];

const request = (extra: Partial<CompactRequest> = {}): CompactRequest => ({
  messages: history,
  trigger: 'auto',
  contextTokens: 1_500,
  signal: new AbortController().signal,
  ...extra,
});

describe('compaction', () => {
  it('renders tool calls and cuts long results in the transcript it summarises', () => {
    const text = renderTranscript(history);
    assert.match(text, /Person: rename the parser/);
    assert.match(text, /\[called Read \{"file_path":"\/w\/parser.ts"\}\]/);
    assert.ok(text.length < 2_500);
  });

  it('replaces the history with one message that carries the summary', async () => {
    const client = new FakeModelClient([
      { blocks: [{ type: 'text', text: 'Renaming parser.ts; next: update imports.' }] },
    ]);
    const compacted = await createCompactor({ client, model: 'm' })(request());
    assert.equal(compacted?.length, 1);
    assert.equal(compacted?.[0]?.role, 'user');
    assert.match(JSON.stringify(compacted), /next: update imports/);
    assert.match(JSON.stringify(compacted), /about 1,500 tokens/);
    assert.deepEqual(client.requests[0]?.tools, []);
  });

  it("passes the person's instructions for a manual compaction to the summary call", async () => {
    const client = new FakeModelClient([{ blocks: [{ type: 'text', text: 'Kept the API notes.' }] }]);
    await createCompactor({ client, model: 'm' })(
      request({ trigger: 'manual', instructions: 'keep the API notes' }),
    );
    assert.match(
      JSON.stringify(client.requests[0]?.system),
      /The person asked the summary to: keep the API notes/,
    );
  });

  it('returns undefined when the summary call fails, so the loop can report it', async () => {
    const client = new FakeModelClient([{ error: { kind: 'server', message: '500' } }]);
    assert.equal(await createCompactor({ client, model: 'm' })(request()), undefined);
  });

  it('compacts before a call once the history passes the threshold', async () => {
    const client = new FakeModelClient([{ blocks: [{ type: 'text', text: 'continuing' }] }]);
    const run = await runQuery(client, [], {
      history: [...history, userText('go on')],
      autoCompactTokens: 500,
      compact: async () => [userText('summary of the session')],
    });
    assert.equal(run.reason, 'completed');
    assert.ok(run.events.some((event) => event.type === 'context-compact' && event.trigger === 'auto'));
    assert.deepEqual(
      JSON.stringify(client.requests[0]?.messages),
      JSON.stringify([userText('summary of the session')]),
    );
  });

  it('compacts and retries when the model says the prompt is too long', async () => {
    const client = new FakeModelClient([
      { error: { kind: 'prompt_too_long', message: 'prompt is too long' } },
      { blocks: [{ type: 'text', text: 'fits now' }] },
    ]);
    const run = await runQuery(client, [], { compact: async () => [userText('short')] });
    assert.equal(run.reason, 'completed');
    assert.ok(run.events.some((event) => event.type === 'context-compact' && event.trigger === 'reactive'));
    assert.equal(client.requests.length, 2);
  });

  it('tells a compaction from a back-off in the transitions it records', async () => {
    const client = new FakeModelClient([
      { error: { kind: 'overloaded', message: 'overloaded' } },
      { error: { kind: 'prompt_too_long', message: 'prompt is too long' } },
      { blocks: [{ type: 'text', text: 'fits now' }] },
    ]);
    const run = await runQuery(client, [], { compact: async () => [userText('short')] });
    assert.equal(run.reason, 'completed');
    assert.deepEqual(run.transitions, [
      { reason: 'retry', attempt: 1 },
      { reason: 'compact', trigger: 'reactive' },
    ]);
    assert.equal(run.state.reactiveCompacted, true);
    assert.equal(run.state.turnCount, 1, 'a compaction repeats the turn, it does not count as one');
  });

  it('tries a reactive compaction once, then reports the prompt as too long', async () => {
    const tooLong = { error: { kind: 'prompt_too_long' as const, message: 'prompt is too long' } };
    const client = new FakeModelClient([tooLong, tooLong]);
    let calls = 0;
    const run = await runQuery(client, [], {
      compact: async () => {
        calls += 1;
        return [userText('still long')];
      },
    });
    assert.equal(run.reason, 'prompt_too_long');
    assert.equal(calls, 1);
  });

  it('stops auto-compacting after three failures in a row (the circuit breaker)', async () => {
    const server = new ScriptedModelServer();
    await server.start();
    try {
      // The provider reports a context past the threshold after every call.
      const turn = {
        blocks: [{ toolUse: { name: 'Wait', input: { ms: 0 } } }],
        usage: { input_tokens: 1_000 },
      };
      server.enqueue(turn, turn, turn, turn, { blocks: [{ text: 'done' }], usage: { input_tokens: 1_000 } });
      const triggers: string[] = [];
      const run = await runQuery(
        new AnthropicClient({ baseUrl: server.url, apiKey: 'test', env: {} }),
        timingTools([]),
        {
          history: [...history, userText('go on')],
          autoCompactTokens: 500,
          compact: async (request) => {
            triggers.push(request.trigger);
            return undefined;
          },
        },
      );
      assert.equal(run.reason, 'completed');
      assert.equal(server.modelRequests.length, 5);
      assert.deepEqual(triggers, ['auto', 'auto', 'auto']);
      assert.equal(run.state.compactFailures, 3);
      assert.ok(run.state.contextTokens > 500);
    } finally {
      await server.close();
    }
  });

  it('compacts once per call even when the summary is still over the threshold', async () => {
    const client = new FakeModelClient([{ blocks: [{ type: 'text', text: 'continuing' }] }]);
    let calls = 0;
    const run = await runQuery(client, [], {
      history: [...history, userText('go on')],
      autoCompactTokens: 10,
      compact: async () => {
        calls += 1;
        return [userText('a summary that is itself longer than ten tokens, as summaries are')];
      },
    });
    assert.equal(run.reason, 'completed');
    assert.equal(calls, 1);
    assert.deepEqual(run.transitions[0], { reason: 'compact', trigger: 'auto' });
  });
});
