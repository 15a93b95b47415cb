import { strict as assert } from 'node:assert';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import type { AssistantMessage } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import type { TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { restoreSession } from '../../../../src/core/session/restore-session';
import { TranscriptRecorder } from '../../../../src/core/session/transcript-recorder';
import { ManualClock } from '../../../support/manual-clock';

describe('TranscriptRecorder', () => {
  let clock: ManualClock;
  let entries: TranscriptEntry[];
  let recorder: TranscriptRecorder;

  beforeEach(() => {
    clock = new ManualClock();
    entries = [];
    recorder = new TranscriptRecorder({
      sink: { append: (entry) => entries.push(entry) },
      clock,
      flushMs: 200,
    });
  });

  const streamed = () =>
    entries.flatMap((entry) => (entry.type === 'stream-text' ? [entry.text] : [])).join('');
  const delta = (text: string): LoopEvent => ({ type: 'text-delta', text });
  const lines = () => entries.map((entry) => JSON.stringify(entry));

  it('writes streamed text within the flush interval, in batches, not one line per delta', async () => {
    recorder.observe(delta('Hel'));
    recorder.observe(delta('lo, '));
    await clock.advance(199);
    assert.equal(streamed(), '', 'nothing yet: the batch is still open');
    await clock.advance(1);
    assert.equal(streamed(), 'Hello, ');
    recorder.observe(delta('world'));
    await clock.advance(200);
    assert.equal(streamed(), 'Hello, world');
    assert.equal(entries.length, 2);
  });

  it('writes a whole tool call at once and each result as its call finishes, text first', () => {
    recorder.observe(delta('Reading it.'));
    recorder.observe({
      type: 'block-end',
      block: { type: 'tool_use', id: 't1', name: 'Read', input: { file_path: '/a' } },
    });
    recorder.observe({
      type: 'tool-execution-end',
      toolUseId: 't1',
      name: 'Read',
      result: { content: 'contents of a', isError: false },
      durationMs: 3,
    });
    assert.deepEqual(
      entries.map((entry) => entry.type),
      ['stream-text', 'stream-block', 'tool-result'],
    );
  });

  it('does not write text twice: the assistant message carries what was still waiting', async () => {
    recorder.observe(delta('All '));
    await clock.advance(200);
    recorder.observe(delta('done.'));
    const message: AssistantMessage = { role: 'assistant', content: [{ type: 'text', text: 'All done.' }] };
    recorder.observe({ type: 'message-append', message });
    await clock.advance(1_000);
    assert.deepEqual(
      entries.map((entry) => entry.type),
      ['stream-text', 'message'],
    );
    assert.equal(clock.pending, 0, 'no flush left scheduled');
    assert.deepEqual(restoreSession(lines()).messages, [message]);
  });

  it('voids what a failed call streamed before it is retried', () => {
    recorder.observe(delta('partial answer'));
    recorder.observe({ type: 'block-end', block: { type: 'text', text: 'partial answer' } });
    recorder.observe({
      type: 'stream-discard',
      error: { kind: 'overloaded', message: '529' },
      droppedText: 'partial answer',
    });
    recorder.observe(delta('second try'));
    recorder.end();
    const restored = restoreSession([
      JSON.stringify({ type: 'message', message: userText('go'), timestamp: 1 }),
      ...lines(),
    ]);
    assert.deepEqual(restored.messages.at(-1), {
      role: 'assistant',
      content: [{ type: 'text', text: 'second try' }],
      interrupted: true,
    });
  });

  it('writes the waiting text when the run ends without a message for it', () => {
    recorder.observe(delta('cut off here'));
    recorder.end();
    assert.equal(streamed(), 'cut off here');
    assert.equal(clock.pending, 0);
  });
});
