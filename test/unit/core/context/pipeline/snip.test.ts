import { strict as assert } from 'node:assert';
import { summaryOrigin } from '../../../../../src/core/context/pipeline/context-view';
import type { ContextView } from '../../../../../src/core/context/pipeline/context-view';
import { snip } from '../../../../../src/core/context/pipeline/snip';
import type { Message } from '../../../../../src/core/messages/message';
import { userText } from '../../../../../src/core/messages/message';
import { estimate, readRound, tokensOfAll } from '../../../../support/conversation';

/**
 * A compacted view: the summary, then history 10–15 (three Read rounds of 4,000 characters the
 * summary covers and keeps), then history 16–17 (a round after the compaction).
 */
function compactedView(): ContextView {
  const covered: Message[] = [
    ...readRound('a', '/w/a.ts', 4_000),
    ...readRound('b', '/w/b.ts', 4_000),
    ...readRound('c', '/w/c.ts', 4_000),
  ];
  const after: Message[] = readRound('d', '/w/d.ts', 4_000);
  const messages = [userText('summary'), ...covered, ...after];
  return { messages, origins: [summaryOrigin, 10, 11, 12, 13, 14, 15, 16, 17] };
}

describe('snip (layer 2)', () => {
  const view = compactedView();
  const tokens = tokensOfAll(view.messages);
  const round = tokensOfAll(view.messages.slice(1, 3));
  const covered = { from: 10, through: 16 };

  const cases: { name: string; target: number; expected: number | undefined }[] = [
    { name: 'drops the oldest covered turn when that is enough', target: tokens - round, expected: 12 },
    { name: 'drops as many whole turns as the target needs', target: tokens - 2 * round, expected: 14 },
    { name: 'drops every covered turn when even that is not enough', target: 0, expected: 16 },
  ];
  for (const { name, target, expected } of cases) {
    it(name, () => assert.equal(snip({ view, tokens, target, covered, estimate }), expected));
  }

  it('never cuts between a call and its result', () => {
    // One token short of what dropping the first call alone would free: its result must go with it.
    const target = tokens - estimate(view.messages[1]!);
    assert.equal(snip({ view, tokens, target, covered, estimate }), 12);
  });

  it('does nothing when the summary covers nothing still sent', () => {
    assert.equal(snip({ view, tokens, target: 0, covered: { from: 16, through: 16 }, estimate }), undefined);
  });
});
