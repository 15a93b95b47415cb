import { strict as assert } from 'node:assert';
import { chooseCollapseSpan, summaryShare } from '../../../../../src/core/context/pipeline/context-collapse';
import type { CollapseInput } from '../../../../../src/core/context/pipeline/context-collapse';
import { summaryOrigin } from '../../../../../src/core/context/pipeline/context-view';
import { userText } from '../../../../../src/core/messages/message';
import { estimate, readingSession, tokensOfAll, viewOf } from '../../../../support/conversation';

describe('context collapse (layer 4)', () => {
  // A prompt, ten Read rounds of 4,000 characters (about 1,000 tokens each), an answer: 22 messages.
  const messages = readingSession(10, 4_000);
  const view = viewOf(messages);
  const tokens = tokensOfAll(messages);
  const round = tokensOfAll(messages.slice(1, 3));
  const base: CollapseInput = {
    view,
    tokens,
    target: tokens - round,
    eligibleFrom: 0,
    protectTokens: 3 * round,
    minTokens: 100,
    estimate,
  };
  const choose = (extra: Partial<CollapseInput>) => chooseCollapseSpan({ ...base, ...extra });

  it('collapses the oldest stretch, in whole turns, just long enough to get under the target', () => {
    // The prompt and one round free 80 % of their tokens: not quite a round, so a second round goes too.
    assert.deepEqual(choose({}), { from: 0, to: 5 });
    assert.ok(tokensOfAll(messages.slice(0, 5)) * (1 - summaryShare) >= round);
  });

  it('leaves the newest turns as they are, however much is needed', () => {
    const span = choose({ target: 0 })!;
    assert.ok(tokensOfAll(messages.slice(span.to)) <= 3 * round + estimate(messages.at(-1)!));
    assert.ok(tokensOfAll(messages.slice(span.to)) >= 2 * round, 'about three rounds stay');
  });

  it('starts after what a compaction still covers, and never with a tool result', () => {
    assert.deepEqual(choose({ eligibleFrom: 2 }), { from: 3, to: 7 });
  });

  it('does not collapse across a summary already in the view', () => {
    const withSummary = {
      messages: [...messages.slice(0, 3), userText('an earlier collapse'), ...messages.slice(5)],
      origins: [0, 1, 2, summaryOrigin, ...messages.slice(5).map((_, index) => index + 5)],
    };
    const input = { ...base, view: withSummary, tokens: tokensOfAll(withSummary.messages), target: 0 };
    assert.deepEqual(
      chooseCollapseSpan(input),
      { from: 0, to: 3 },
      'the oldest stretch stops at the summary',
    );
    const after = chooseCollapseSpan({ ...input, minTokens: 2 * round });
    assert.equal(after?.from, 4, 'a stretch too short to be worth it is passed over');
    assert.ok(after!.to > after!.from + 4);
  });

  it('does not spend a call on a stretch that frees too little', () => {
    assert.equal(choose({ minTokens: 100_000 }), undefined);
  });
});
