import { strict as assert } from 'node:assert';
import { OutputBuffer } from '../../../../src/node/shell/output-buffer';

describe('OutputBuffer', () => {
  it('keeps everything while under the cap', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('abc');
    buffer.append('def');
    assert.equal(buffer.toString(), 'abcdef');
    assert.equal(buffer.totalChars, 6);
  });

  it('keeps the first and last halves across many small chunks and counts the rest', () => {
    const buffer = new OutputBuffer(6);
    for (const char of 'abcdefghijklmnop') buffer.append(char);
    assert.equal(buffer.toString(), 'abc\n[… 10 characters cut …]\nnop');
    assert.equal(buffer.totalChars, 16);
  });

  it('handles one chunk far larger than the cap', () => {
    const buffer = new OutputBuffer(4);
    buffer.append('x'.repeat(1_000) + 'END');
    assert.equal(buffer.toString(), 'xx\n[… 999 characters cut …]\nND');
  });
});
