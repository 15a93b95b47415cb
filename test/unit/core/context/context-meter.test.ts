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

/** A message that counts how often its content is read. */
function watched(text: string): { message: Message; reads: () => number } {
  let reads = 0;
  const content = [{ type: 'text' as const, text }];
  const message = {
    role: 'user' as const,
    get content() {
      reads += 1;
      return content;
    },
  };
  return { message, reads: () => reads };
}

describe('ContextMeter (reported usage plus what is new)', () => {
  it('counts the last reported usage plus an estimate of each message after it', () => {
    const meter = new ContextMeter();
    const answer = reply('ok');
    const prompt = userText('hi');
    meter.record(answer, { ...usage(1_000, 50), cacheReadTokens: 9_000, cacheCreationTokens: 200 }, [prompt]);
    const next = userText('x'.repeat(400));
    assert.equal(meter.measure([prompt, answer, next], 5_000), 10_250 + 100);
  });

  it('never reads the history before the last reported response again to measure', () => {
    const meter = new ContextMeter();
    const answer = reply('ok');
    const older = [watched('a'.repeat(40)), watched('b'.repeat(40))];
    meter.record(
      answer,
      usage(20_000),
      older.map((entry) => entry.message),
    );
    const readsAfterRecording = older.map((entry) => entry.reads());
    const messages = [...older.map((entry) => entry.message), answer, userText('abcd')];
    assert.equal(meter.measure(messages, 0), 20_001);
    assert.equal(meter.measure(messages, 0), 20_001);
    assert.deepEqual(
      older.map((entry) => entry.reads()),
      readsAfterRecording,
    );
  });

  it('estimates everything, with the fixed prompt, when nothing was reported yet', () => {
    assert.equal(new ContextMeter().measure([userText('x'.repeat(40))], 3_000), 3_010);
  });

  it('scales the estimate by the last reported call when the request changed before its newest turn', () => {
    const meter = new ContextMeter();
    const old = userText('x'.repeat(4_000));
    const answer = reply('y'.repeat(400));
    // The provider counted 2,200 tokens where the estimate says 1,000 + 100 + 0: a ratio of 2.
    meter.record(answer, usage(2_200), [old]);
    const summary = userText('z'.repeat(400));
    assert.equal(meter.measure([summary, answer], 0), 400, 'summary and answer, 200 estimated, times 2');
  });

  it('keeps the scale within bounds when the reported call was nothing like its estimate', () => {
    const meter = new ContextMeter();
    const answer = reply('gone');
    meter.record(answer, usage(150_000), [userText('hi')]);
    assert.equal(meter.measure([userText('x'.repeat(40))], 3_000), 6_020, 'at most twice the estimate');
  });

  it('ignores usage of all zeros from a provider that reports none', () => {
    const meter = new ContextMeter();
    const answer = reply('abcd');
    const prompt = userText('abcd');
    meter.record(answer, usage(0), [prompt]);
    assert.equal(meter.measure([prompt, answer], 7), 9);
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
});
