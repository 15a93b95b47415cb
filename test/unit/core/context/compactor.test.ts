import { strict as assert } from 'node:assert';
import { createCompactor, renderTranscript } from '../../../../src/core/context/compactor';
import type { Message } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import { FakeModelClient } from '../../../support/fake-model-client';
import { runQuery } from '../../../support/loop-harness';

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
    const compacted = await createCompactor({ client, model: 'm' })(history, new AbortController().signal);
    assert.equal(compacted?.length, 1);
    assert.equal(compacted?.[0]?.role, 'user');
    assert.match(JSON.stringify(compacted), /next: update imports/);
    assert.deepEqual(client.requests[0]?.tools, []);
  });

  it('returns undefined when the summary call fails, so the loop can report it', async () => {
    const client = new FakeModelClient([{ error: { kind: 'server', message: '500' } }]);
    assert.equal(
      await createCompactor({ client, model: 'm' })(history, new AbortController().signal),
      undefined,
    );
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
});
