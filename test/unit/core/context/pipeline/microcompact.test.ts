import { strict as assert } from 'node:assert';
import {
  ClearedResults,
  clearedResultStub,
  microcompact,
} from '../../../../../src/core/context/pipeline/microcompact';
import type { MicrocompactInput } from '../../../../../src/core/context/pipeline/microcompact';
import type { Message } from '../../../../../src/core/messages/message';
import { userText } from '../../../../../src/core/messages/message';
import { readRound, tokensOfAll, toolCallsById, toolRound, viewOf } from '../../../../support/conversation';

/** Rounds in order: bash-0, read-1, bash-2, read-3, read-4, read-5 (4,000 characters each), then a small read-6. */
function history(): Message[] {
  return [
    userText('go'),
    ...toolRound('bash-0', { name: 'Bash', input: { command: 'npm test' }, result: 'b'.repeat(4_000) }),
    ...readRound('read-1', '/w/1.ts', 4_000),
    ...toolRound('bash-2', { name: 'Bash', input: { command: 'npm run lint' }, result: 'b'.repeat(4_000) }),
    ...readRound('read-3', '/w/3.ts', 4_000),
    ...readRound('read-4', '/w/4.ts', 4_000),
    ...readRound('read-5', '/w/5.ts', 4_000),
    ...readRound('read-6', '/w/6.ts', 100),
  ];
}

describe('microcompact (layer 3)', () => {
  const messages = history();
  const view = viewOf(messages);
  const tokens = tokensOfAll(messages);
  const base: MicrocompactInput = {
    view,
    tokens,
    target: 0,
    editableFrom: 0,
    keepRecent: 2,
    cleared: new Set(),
    calls: toolCallsById(messages),
    isReReadable: (name) => name === 'Read',
  };
  const cleared = (extra: Partial<MicrocompactInput>) => [...(microcompact({ ...base, ...extra }) ?? [])];

  const cases: { name: string; input: Partial<MicrocompactInput>; expected: string[] }[] = [
    {
      name: 'clears results the agent can read again first, oldest first, until under the target',
      input: { target: tokens - 1_500 },
      expected: ['read-1', 'read-3'],
    },
    {
      name: 'clears other results once no re-readable one is left',
      input: {},
      expected: ['read-1', 'read-3', 'read-4', 'bash-0', 'bash-2'],
    },
    {
      name: 'never clears the newest results',
      input: { keepRecent: 4 },
      expected: ['read-1', 'bash-0', 'bash-2'],
    },
    {
      name: 'never edits the cached prefix: only messages after what the last request carried',
      input: { editableFrom: 9 },
      expected: ['read-4'],
    },
  ];
  for (const { name, input, expected } of cases) it(name, () => assert.deepEqual(cleared(input), expected));

  it('keeps what it cleared before, and says so when it has nothing to add', () => {
    const first = microcompact({ ...base, target: tokens - 1_500 })!;
    const again = microcompact({ ...base, cleared: first, editableFrom: messages.length });
    assert.equal(again, undefined);
    assert.deepEqual([...microcompact({ ...base, cleared: first })!].slice(0, 2), ['read-1', 'read-3']);
  });

  it('stubs a cleared result in one line naming the tool and its target, the same object every time', () => {
    const results = new ClearedResults();
    const calls = toolCallsById(messages);
    const ids = new Set(['read-1']);
    const stubbed = results.apply(messages[4]!, ids, calls);
    assert.equal(results.apply(messages[4]!, ids, calls), stubbed);
    assert.equal(results.apply(messages[2]!, ids, calls), messages[2], 'untouched messages are themselves');
    assert.deepEqual(stubbed.content[0], {
      type: 'tool_result',
      toolUseId: 'read-1',
      isError: false,
      content: '[Old Read result (/w/1.ts) cleared to save context. Call Read again if you need it.]',
    });
    assert.equal(
      clearedResultStub(undefined),
      '[Old tool result cleared to save context. Call tool again if you need it.]',
    );
  });
});
