import { strict as assert } from 'node:assert';
import type { AssistantBlock } from '../../../../src/core/messages/message';
import { cutMessage } from '../../../../src/core/loop/cut-message';

const thinking: AssistantBlock = { type: 'thinking', thinking: 'plan the edit', signature: 'sig-1' };
const redacted: AssistantBlock = { type: 'redacted_thinking', data: 'opaque' };
const text = (value: string): AssistantBlock => ({ type: 'text', text: value });
const call = (id: string): AssistantBlock => ({ type: 'tool_use', id, name: 'Bash', input: { command: id } });

/** Blocks complete when the stream failed → the blocks kept, or undefined when it is discarded. */
const cases: { why: string; blocks: AssistantBlock[]; kept: AssistantBlock[] | undefined }[] = [
  { why: 'nothing complete: discarded', blocks: [], kept: undefined },
  { why: 'only text complete: discarded, no call ran', blocks: [text('Let me look.')], kept: undefined },
  { why: 'only thinking complete: discarded', blocks: [thinking], kept: undefined },
  { why: 'one complete call is kept alone', blocks: [call('a')], kept: [call('a')] },
  {
    why: 'text before the call stays',
    blocks: [text('Appending.'), call('a')],
    kept: [text('Appending.'), call('a')],
  },
  {
    why: 'signed thinking stays first, verbatim',
    blocks: [thinking, text('Appending.'), call('a')],
    kept: [thinking, text('Appending.'), call('a')],
  },
  { why: 'redacted thinking stays too', blocks: [redacted, call('a')], kept: [redacted, call('a')] },
  {
    why: 'complete text after the last call goes: a tool_use ends the message',
    blocks: [text('First this.'), call('a'), text('Now the tests.')],
    kept: [text('First this.'), call('a')],
  },
  {
    why: 'every complete call stays, with the text between them',
    blocks: [call('a'), text('And the other one.'), call('b'), text('Then')],
    kept: [call('a'), text('And the other one.'), call('b')],
  },
];

describe('cutMessage (what survives a failed stream)', () => {
  for (const { why, blocks, kept } of cases) {
    it(why, () => {
      const message = cutMessage({ blocks, model: 'claude-x', reason: 'socket hang up' });
      assert.deepEqual(message?.content, kept);
    });
  }

  it('marks the kept message as cut, with the error, for the panel and the transcript', () => {
    const message = cutMessage({ blocks: [call('a')], model: 'claude-x', reason: 'Overloaded' });
    assert.deepEqual(message, {
      role: 'assistant',
      content: [call('a')],
      model: 'claude-x',
      cutOff: { reason: 'Overloaded' },
    });
  });

  it('does not change the blocks it was given', () => {
    const blocks = [call('a'), text('tail')];
    cutMessage({ blocks, model: 'claude-x', reason: 'reset' });
    assert.deepEqual(blocks, [call('a'), text('tail')]);
  });
});
