import { strict as assert } from 'node:assert';
import { cutMiddle, cutNote } from '../../../../../src/core/tools/bash/cut-middle';

describe('cutMiddle', () => {
  it('leaves text within the limit unchanged', () => {
    assert.equal(cutMiddle('short', 5), 'short');
  });

  it('keeps the head and tail and notes the count in the middle', () => {
    assert.equal(cutMiddle('abcdefghij', 4), 'ab\n[… 6 characters cut …]\nij');
  });

  it('writes large counts with thousands separators', () => {
    assert.equal(cutNote(12_345), '[… 12,345 characters cut …]');
  });
});
