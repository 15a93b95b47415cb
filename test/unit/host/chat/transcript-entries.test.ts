import { strict as assert } from 'node:assert';
import type { Message } from '../../../../src/core/messages/message';
import {
  entriesFromMessages,
  interruptedNotice,
  titleFromMessages,
} from '../../../../src/host/chat/transcript-entries';

const messages: Message[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Fix the greeting' },
      { type: 'text', text: '<system-reminder>open file: a.ts</system-reminder>' },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/w/a.ts' } },
    ],
  },
  {
    role: 'user',
    synthetic: true,
    content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: '1\thello', isError: false }],
  },
  { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
];

describe('entriesFromMessages (a chat reopened after a reload)', () => {
  it('shows the typed message without reminders, the prose, and finished tool cards', () => {
    const entries = entriesFromMessages(messages);
    assert.deepEqual(
      entries.map((entry) => [
        entry.kind,
        entry.kind === 'tool' ? entry.status : 'text' in entry ? entry.text : '',
      ]),
      [
        ['user', 'Fix the greeting'],
        ['assistant', 'Reading it.'],
        ['tool', 'done'],
        ['assistant', 'Done.'],
      ],
    );
    const tool = entries[2];
    assert.equal(tool?.kind === 'tool' ? tool.summary : undefined, '/w/a.ts');
    assert.equal(tool?.kind === 'tool' ? tool.resultPreview : undefined, '1\thello');
  });

  it('titles the chat with the first typed message', () => {
    assert.equal(titleFromMessages(messages), 'Fix the greeting');
    assert.equal(titleFromMessages([]), undefined);
  });
});

describe('entriesFromMessages (a chat cut off mid-answer)', () => {
  it('shows the partial answer and a notice that it was interrupted', () => {
    const entries = entriesFromMessages([
      { role: 'user', content: [{ type: 'text', text: 'Explain the bug' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The bug is in' }], interrupted: true },
    ]);
    assert.deepEqual(
      entries.map((entry) => [
        entry.kind,
        'text' in entry ? entry.text : 'message' in entry ? entry.message : '',
      ]),
      [
        ['user', 'Explain the bug'],
        ['assistant', 'The bug is in'],
        ['notice', interruptedNotice],
      ],
    );
  });
});
