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

  it('notes where a stream error cut an answer off, after the calls it kept', () => {
    const entries = entriesFromMessages([
      { role: 'user', content: [{ type: 'text', text: 'Append x' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo x >> notes.md' } },
        ],
        cutOff: { reason: 'socket hang up' },
      },
      {
        role: 'user',
        synthetic: true,
        content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: '', isError: false }],
      },
    ]);
    assert.deepEqual(
      entries.map((entry) => entry.kind),
      ['user', 'tool', 'notice'],
    );
    const notice = entries[2];
    assert.match(
      notice?.kind === 'notice' ? notice.message : '',
      /cut off \(socket hang up\); Tandem kept the completed tool call/,
    );
  });

  it('titles the chat with the first typed message', () => {
    assert.equal(titleFromMessages(messages), 'Fix the greeting');
    assert.equal(titleFromMessages([]), undefined);
  });

  it('draws a divider where each compaction happened, with its summary, after a reload from the transcript', () => {
    const entries = entriesFromMessages(messages, {
      compactions: [
        { messageIndex: 3, trigger: 'auto', summary: '## Goal\nFix the greeting.', contextTokens: 150_000 },
        { messageIndex: 4, trigger: 'manual', summary: 'Greeting fixed.', contextTokens: 20_000 },
      ],
    });
    assert.deepEqual(
      entries.map((entry) => entry.kind),
      ['user', 'assistant', 'tool', 'compaction', 'assistant', 'compaction'],
    );
    assert.deepEqual(entries[3], {
      kind: 'compaction',
      id: 'restored-compaction-0',
      trigger: 'auto',
      summary: '## Goal\nFix the greeting.',
      tokensBefore: 150_000,
    });
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
