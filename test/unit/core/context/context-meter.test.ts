import { strict as assert } from 'node:assert';
import { ContextMeter } from '../../../../src/core/context/context-meter';
import { estimateMessageTokens } from '../../../../src/core/context/estimate-tokens';
import type { AssistantMessage, Message, Usage } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import { openaiTileTokens } from '../../../../src/core/model/image-tokens';
import { noisePng } from '../../../support/noise-png';

const usage = (inputTokens: number, outputTokens = 0): Usage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
});
const reply = (text: string): AssistantMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

/** A message that fails the test if anything reads it: older history must not be looked at. */
function untouchable(): Message {
  return {
    role: 'user',
    get content(): never {
      throw new Error('an old message was read to measure the context');
    },
  } as Message;
}

describe('ContextMeter (reported usage plus what is new)', () => {
  it('counts the last reported usage plus an estimate of each message after it', () => {
    const meter = new ContextMeter();
    const answer = reply('ok');
    meter.record(answer, { ...usage(1_000, 50), cacheReadTokens: 9_000, cacheCreationTokens: 200 });
    const next = userText('x'.repeat(400));
    assert.equal(meter.measure([userText('hi'), answer, next], 5_000), 10_250 + 100);
  });

  it('never reads the history before the last reported response', () => {
    const meter = new ContextMeter();
    const answer = reply('ok');
    meter.record(answer, usage(20_000));
    assert.equal(meter.measure([untouchable(), untouchable(), answer, userText('abcd')], 0), 20_001);
  });

  it('estimates everything, with the fixed prompt, when no reported response is in the history', () => {
    const meter = new ContextMeter();
    meter.record(reply('gone'), usage(150_000));
    const compacted = [userText('x'.repeat(40))];
    assert.equal(meter.measure(compacted, 3_000), 3_010);
  });

  it('ignores usage of all zeros from a provider that reports none', () => {
    const meter = new ContextMeter();
    const answer = reply('abcd');
    meter.record(answer, usage(0));
    assert.equal(meter.measure([userText('abcd'), answer], 7), 9);
  });

  it("counts an image by the model's rule, never by its base64", () => {
    const data = noisePng(420, 420).toString('base64');
    const screenshot: Message = {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          toolUseId: 't',
          isError: false,
          content: [{ type: 'image', mediaType: 'image/png', data }],
        },
      ],
    };
    assert.ok(data.length > 700_000, 'the screenshot is as large as a real one');
    assert.equal(new ContextMeter().measure([screenshot], 0), 236);
    assert.equal(new ContextMeter(openaiTileTokens(70, 140)).measure([screenshot], 0), 210);
    assert.equal(estimateMessageTokens(screenshot), 236);
  });

  it('learns how the provider counts, and measures a new message at that rate', () => {
    const meter = new ContextMeter();
    const question = userText('x'.repeat(4_000));
    assert.equal(meter.measure([question], 1_000), 2_000, 'an estimate of 1,000 + 1,000 before any report');
    const answer = reply('ok');
    meter.record(answer, usage(3_000, 10)); // the provider counts 1.5 tokens per estimated token
    const file = userText('y'.repeat(8_000));
    assert.equal(meter.measure([question, answer, file], 1_000), 3_010 + 3_000);
    assert.equal(meter.ratio, 1.5);
  });

  it('does not learn from a turn too small to tell the tokenizer from the framing', () => {
    const meter = new ContextMeter();
    const answer = reply('ok');
    meter.measure([userText('hi')], 0);
    meter.record(answer, usage(40));
    assert.equal(meter.ratio, 1);
  });

  it('measures from an exact count of a resumed history', () => {
    const meter = new ContextMeter();
    const history = [userText('a'.repeat(40_000)), reply('b'.repeat(40_000))];
    assert.ok(meter.isUncounted(history));
    meter.recordCount(history[1]!, 31_000);
    assert.equal(meter.isUncounted(history), false);
    assert.equal(meter.measure([...history, userText('abcd')], 5_000), 31_001);
  });
});
