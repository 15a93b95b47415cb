import { strict as assert } from 'node:assert';
import { z } from 'zod';
import type { AssistantMessage, Message, UserMessage } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import { mergeConsecutiveTurns } from '../../../../src/core/messages/merge-turns';
import { buildTool } from '../../../../src/core/tools/build-tool';
import { textResult } from '../../../../src/core/tools/tool';
import { historyProblems } from '../../../support/api-history';
import { FakeModelClient } from '../../../support/fake-model-client';
import { runQuery } from '../../../support/loop-harness';

describe('query loop: a turn the person stops mid-answer', () => {
  it('keeps the text, the finished tool call with its result, and answers the unfinished one', async () => {
    const controller = new AbortController();
    const quick = buildTool({
      name: 'Quick',
      description: 'Answers at once.',
      inputSchema: z.object({}),
      isReadOnly: () => true,
      isConcurrencySafe: () => true,
      async *call() {
        return textResult('quick result');
      },
    });
    // Runs after Quick (it must run alone), and stands for the person pressing Stop meanwhile.
    const stopper = buildTool({
      name: 'Stopper',
      description: 'The person stops while it runs.',
      inputSchema: z.object({}),
      async *call(_input, context) {
        controller.abort();
        assert.ok(context.signal.aborted);
        return textResult('never');
      },
    });
    const client = new FakeModelClient([
      {
        blocks: [
          { type: 'text', text: 'Checking two things.' },
          { type: 'tool_use', id: 'q', name: 'Quick', input: {} },
          { type: 'tool_use', id: 's', name: 'Stopper', input: {} },
          { type: 'text', text: 'never streamed', delayMs: 60_000 },
        ],
      },
    ]);
    const run = await runQuery(client, [quick, stopper], { signal: controller.signal });
    assert.equal(run.reason, 'aborted');
    const [, assistant, answers] = run.state.messages as [UserMessage, AssistantMessage, UserMessage];
    assert.equal(assistant.interrupted, true);
    assert.deepEqual(
      assistant.content.map((block) => (block.type === 'tool_use' ? block.id : block.type)),
      ['text', 'q', 's'],
    );
    assert.deepEqual(
      answers.content.map((block) => (block.type === 'tool_result' ? [block.toolUseId, block.isError] : [])),
      [
        ['q', false],
        ['s', true],
      ],
    );
    assert.deepEqual(historyProblems(run.state.messages), []);
  });
});

describe('mergeConsecutiveTurns', () => {
  it('sends two user messages in a row as one turn, tool results first', () => {
    const history: Message[] = [
      userText('read it'),
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Read', input: {} }] },
      {
        role: 'user',
        synthetic: true,
        content: [{ type: 'tool_result', toolUseId: 't', content: 'x', isError: true }],
      },
      userText('what happened?'),
    ];
    const merged = mergeConsecutiveTurns(history);
    assert.deepEqual(
      merged.map((message) => message.role),
      ['user', 'assistant', 'user'],
    );
    assert.deepEqual(
      merged[2]?.content.map((block) => block.type),
      ['tool_result', 'text'],
    );
    assert.equal(history.length, 4, 'the history itself is not changed');
  });

  it('returns the very same array when roles already alternate', () => {
    const history: Message[] = [
      userText('hi'),
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
    ];
    assert.equal(mergeConsecutiveTurns(history), history);
  });

  it('is what the request carries after a failed answer left the prompt unanswered', async () => {
    const client = new FakeModelClient([{ blocks: [{ type: 'text', text: 'ok' }] }]);
    await runQuery(client, [], { history: [userText('first, unanswered'), userText('second')] });
    assert.deepEqual(
      client.requests[0]?.messages.map((message) => message.role),
      ['user'],
    );
  });
});
