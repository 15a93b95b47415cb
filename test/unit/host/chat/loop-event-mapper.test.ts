import { strict as assert } from 'node:assert';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import { mapLoopEvent, previewOf, resultPreviewChars } from '../../../../src/host/chat/loop-event-mapper';
import { hostToWebviewMessageSchema } from '../../../../src/protocol/host-to-webview-message';

const events: [string, LoopEvent, string[]][] = [
  ['streamed text', { type: 'text-delta', text: 'hi' }, ['did-stream-text']],
  [
    'a tool start',
    { type: 'tool-execution-start', toolUseId: 't', name: 'Read', input: {}, summary: 'a' },
    ['did-start-tool'],
  ],
  ['tool progress', { type: 'tool-execution-progress', toolUseId: 't', text: '50%' }, ['did-update-tool']],
  [
    'a failed tool',
    {
      type: 'tool-execution-end',
      toolUseId: 't',
      name: 'Bash',
      result: { content: 'boom', isError: true },
      durationMs: 3,
    },
    ['did-end-tool'],
  ],
  ['a todo change', { type: 'todos-change', todos: [] }, ['did-change-todos']],
  [
    'a scheduled retry',
    {
      type: 'retry-schedule',
      attempt: 1,
      maxAttempts: 3,
      delayMs: 500,
      error: { kind: 'overloaded', message: 'busy' },
    },
    ['did-retry'],
  ],
  [
    'a loop error',
    { type: 'loop-error', error: { kind: 'authentication', message: 'bad key' } },
    ['did-fail'],
  ],
  [
    'an answer cut after a complete call',
    {
      type: 'stream-cut',
      error: { kind: 'connection', message: 'socket hang up' },
      message: { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Bash', input: {} }] },
      droppedText: 'Then',
    },
    ['did-cut-answer'],
  ],
  [
    'a discarded answer',
    { type: 'stream-discard', error: { kind: 'overloaded', message: 'Overloaded' }, droppedText: 'Half' },
    ['did-cut-answer'],
  ],
  ['thinking (not shown)', { type: 'thinking-delta', thinking: 'hm' }, []],
  [
    'a compaction',
    {
      type: 'context-compact',
      trigger: 'auto',
      before: 40,
      after: 3,
      contextTokens: 170_000,
      tokensAfter: 12_000,
      summary: '## Goal',
      record: {
        through: 40,
        keepFrom: 38,
        summary: '## Goal',
        attachments: [],
        trigger: 'auto',
        contextTokens: 170_000,
      },
    },
    ['did-compact'],
  ],
  [
    'an auto-compaction failure before the breaker opens (not shown)',
    { type: 'compact-fail', trigger: 'auto', reason: 'overloaded', failures: 1, breakerOpen: false },
    [],
  ],
  [
    'the breaker opening',
    { type: 'compact-fail', trigger: 'auto', reason: 'overloaded', failures: 3, breakerOpen: true },
    ['did-fail'],
  ],
  [
    'a collapse or a trim (the model sees less; nothing for the person)',
    { type: 'context-trim', layer: 'snip', count: 4, contextTokens: 150_000, tokensAfter: 90_000 },
    [],
  ],
];

describe('mapLoopEvent', () => {
  for (const [name, event, types] of events) {
    it(`shows ${name} in the panel as ${types.join(', ') || 'nothing'} (valid protocol messages)`, () => {
      const messages = mapLoopEvent('chat', event);
      assert.deepEqual(
        messages.map((message) => message.type),
        types,
      );
      for (const message of messages)
        assert.ok(hostToWebviewMessageSchema.safeParse(message).success, JSON.stringify(message));
    });
  }

  it('marks a failed tool as an error and offers Set API Key for an authentication failure', () => {
    const [ended] = mapLoopEvent('chat', {
      type: 'tool-execution-end',
      toolUseId: 't',
      name: 'Bash',
      result: { content: 'boom', isError: true },
      durationMs: 3,
    });
    assert.equal(ended?.type === 'did-end-tool' ? ended.status : undefined, 'error');
    const [failed] = mapLoopEvent('chat', {
      type: 'loop-error',
      error: { kind: 'authentication', message: 'bad key' },
    });
    assert.equal(failed?.type === 'did-fail' ? failed.action : undefined, 'set-api-key');
  });

  it('cuts long tool results for the card', () => {
    const preview = previewOf('x'.repeat(resultPreviewChars + 10));
    assert.equal(preview.length, resultPreviewChars + 1);
    assert.equal(
      previewOf([
        { type: 'text', text: 'a' },
        { type: 'image', mediaType: 'image/png', data: '' },
      ]),
      'a\n[image image/png]',
    );
  });
});
