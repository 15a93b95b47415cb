import { strict as assert } from 'node:assert';
import { renderCut } from '../../../../src/core/text/cut-middle';
import { OutputBuffer } from '../../../../src/node/shell/output-buffer';

describe('OutputBuffer', () => {
  it('keeps everything while under the cap', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('abc');
    buffer.append('def');
    assert.equal(renderCut(buffer.text()), 'abcdef');
    assert.equal(buffer.text().omitted.characters, 0);
  });

  it('keeps the first and last halves across many small chunks and counts the rest', () => {
    const buffer = new OutputBuffer(6);
    for (const char of 'abcdefghijklmnop') buffer.append(char);
    assert.deepEqual(buffer.text(), { head: 'abc', omitted: { characters: 10, lines: 0 }, tail: 'nop' });
  });

  it('counts the line breaks that fell out between head and tail', () => {
    const buffer = new OutputBuffer(8);
    for (let line = 1; line <= 100; line += 1) buffer.append(`${line}\n`);
    const { head, omitted, tail } = buffer.text();
    assert.equal(head, '1\n2\n');
    assert.equal(tail, '100\n');
    assert.deepEqual(omitted, { characters: 292 - 8, lines: 100 - 3 });
  });

  it('handles one chunk far larger than the cap', () => {
    const buffer = new OutputBuffer(4);
    buffer.append('x'.repeat(1_000) + 'END');
    assert.equal(renderCut(buffer.text()), 'xx\n[… 999 characters cut …]\nND');
  });
});
