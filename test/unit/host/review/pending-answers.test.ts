import { strict as assert } from 'node:assert';
import { PendingAnswers } from '../../../../src/host/review/pending-answers';

describe('PendingAnswers', () => {
  it('resolves with the answer given for its request id only', async () => {
    const pending = new PendingAnswers<string>();
    const waiting = pending.wait('r1', new AbortController().signal);
    assert.equal(pending.answer('other', 'no'), false);
    assert.equal(pending.answer('r1', 'yes'), true);
    assert.equal(await waiting, 'yes');
    assert.equal(pending.answer('r1', 'again'), false, 'a second answer is stale');
  });

  it('settles with undefined when the turn is stopped, so nothing hangs', async () => {
    const pending = new PendingAnswers<string>();
    const abort = new AbortController();
    const waiting = pending.wait('r1', abort.signal);
    abort.abort();
    assert.equal(await waiting, undefined);
    assert.equal(pending.size, 0);
  });

  it('settles every open question when cleared', async () => {
    const pending = new PendingAnswers<string>();
    const signal = new AbortController().signal;
    const both = Promise.all([pending.wait('a', signal), pending.wait('b', signal)]);
    pending.clear();
    assert.deepEqual(await both, [undefined, undefined]);
  });
});
