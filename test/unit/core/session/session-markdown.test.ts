import { strict as assert } from 'node:assert';
import type { Message } from '../../../../src/core/messages/message';
import { sessionToMarkdown } from '../../../../src/core/session/session-markdown';

const messages: Message[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Why does the build fail?' },
      { type: 'text', text: '<system-reminder>open file: a.ts</system-reminder>' },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'private', signature: 's' },
      { type: 'text', text: 'Running it.' },
      { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'npm run build' } },
    ],
  },
  {
    role: 'user',
    synthetic: true,
    content: [{ type: 'tool_result', toolUseId: 't1', content: 'error TS2322: ```oops```', isError: true }],
  },
  { role: 'assistant', content: [{ type: 'text', text: 'A type error in' }], interrupted: true },
];

describe('sessionToMarkdown (export)', () => {
  const markdown = sessionToMarkdown(messages, {
    title: 'Build failure',
    startedAt: Date.UTC(2026, 0, 2, 3, 4),
  });

  it('shows the person’s words and the answers, without reminders or thinking', () => {
    assert.match(markdown, /^# Build failure\n\n2026-01-02 03:04\n/);
    assert.match(markdown, /## You\n\nWhy does the build fail\?\n/);
    assert.match(markdown, /## Tandem\n\nRunning it\./);
    assert.doesNotMatch(markdown, /system-reminder|private/);
  });

  it('folds each tool call with its result in a fence the result cannot close', () => {
    assert.match(markdown, /<summary><b>Bash<\/b> <code>npm run build<\/code> — failed<\/summary>/);
    assert.match(markdown, /````\nerror TS2322: ```oops```\n````/);
  });

  it('says where an answer was interrupted', () => {
    assert.match(markdown, /A type error in\n\n_\(interrupted here\)_\n$/);
  });
});
