import { strict as assert } from 'node:assert';
import { applyHunks } from '../../../../src/core/review/apply-hunks';
import { computeHunks } from '../../../../src/core/review/compute-hunks';
import type { TextChange } from '../../../../src/core/review/line-buffer';
import { LineBuffer } from '../../../../src/core/review/line-buffer';
import type { LineChange } from '../../../../src/core/review/line-change';
import { shiftRange } from '../../../../src/core/review/line-change';
import { textChangesFor } from '../../../../src/core/review/text-changes-for';
import { splitLines } from '../../../../src/core/review/text-lines';

const file = 'alpha\nbeta\ngamma\n';

describe('LineBuffer: which whole lines an editor edit replaced', () => {
  const cases: { name: string; change: TextChange; text: string; lines: LineChange }[] = [
    {
      name: 'typing inside a line changes that line',
      change: { startLine: 1, startCharacter: 4, endLine: 1, endCharacter: 4, text: 'x' },
      text: 'alpha\nbetax\ngamma\n',
      lines: { start: 1, deleted: 1, inserted: 1 },
    },
    {
      name: 'Enter at the end of a line inserts a line below it',
      change: { startLine: 0, startCharacter: 5, endLine: 0, endCharacter: 5, text: '\n' },
      text: 'alpha\n\nbeta\ngamma\n',
      lines: { start: 1, deleted: 0, inserted: 1 },
    },
    {
      name: 'Enter at the start of a line inserts a line above it',
      change: { startLine: 1, startCharacter: 0, endLine: 1, endCharacter: 0, text: '\n' },
      text: 'alpha\n\nbeta\ngamma\n',
      lines: { start: 1, deleted: 0, inserted: 1 },
    },
    {
      name: 'deleting a whole line touches no neighbour',
      change: { startLine: 1, startCharacter: 0, endLine: 2, endCharacter: 0, text: '' },
      text: 'alpha\ngamma\n',
      lines: { start: 1, deleted: 1, inserted: 0 },
    },
    {
      name: 'joining two lines changes both',
      change: { startLine: 0, startCharacter: 5, endLine: 1, endCharacter: 0, text: '' },
      text: 'alphabeta\ngamma\n',
      lines: { start: 0, deleted: 2, inserted: 1 },
    },
    {
      name: 'pasting two lines in the middle of one replaces it by three',
      change: { startLine: 2, startCharacter: 2, endLine: 2, endCharacter: 2, text: '1\n2\n' },
      text: 'alpha\nbeta\nga1\n2\nmma\n',
      lines: { start: 2, deleted: 1, inserted: 3 },
    },
  ];
  for (const { name, change, text, lines } of cases) {
    it(name, () => {
      const buffer = new LineBuffer(file);
      assert.deepEqual(buffer.apply(change), lines);
      assert.equal(buffer.lines.join('\n'), text);
    });
  }
});

describe('shiftRange: a hunk’s lines through an edit', () => {
  const hunk = { start: 4, length: 2 };
  const cases: { name: string; change: LineChange; expected: ReturnType<typeof shiftRange> }[] = [
    {
      name: 'lines added above move it down',
      change: { start: 1, deleted: 0, inserted: 3 },
      expected: { kind: 'kept', start: 7 },
    },
    {
      name: 'a line added right above it moves it down',
      change: { start: 4, deleted: 0, inserted: 1 },
      expected: { kind: 'kept', start: 5 },
    },
    {
      name: 'lines removed above move it up',
      change: { start: 0, deleted: 2, inserted: 0 },
      expected: { kind: 'kept', start: 2 },
    },
    {
      name: 'a line added right below it leaves it',
      change: { start: 6, deleted: 0, inserted: 1 },
      expected: { kind: 'kept', start: 4 },
    },
    {
      name: 'a line changed below it leaves it',
      change: { start: 6, deleted: 1, inserted: 1 },
      expected: { kind: 'kept', start: 4 },
    },
    {
      name: 'a line changed inside it touches it',
      change: { start: 5, deleted: 1, inserted: 1 },
      expected: { kind: 'touched' },
    },
    {
      name: 'a line added between its lines touches it',
      change: { start: 5, deleted: 0, inserted: 1 },
      expected: { kind: 'touched' },
    },
    {
      name: 'a deletion across its first line touches it',
      change: { start: 3, deleted: 2, inserted: 0 },
      expected: { kind: 'touched' },
    },
  ];
  for (const { name, change, expected } of cases) {
    it(name, () => assert.deepEqual(shiftRange(hunk, change), expected));
  }

  it('an insertion point moves with lines added at it and ignores edits of its neighbours', () => {
    const point = { start: 4, length: 0 };
    assert.deepEqual(shiftRange(point, { start: 4, deleted: 0, inserted: 2 }), { kind: 'kept', start: 6 });
    assert.deepEqual(shiftRange(point, { start: 3, deleted: 1, inserted: 1 }), { kind: 'kept', start: 4 });
    assert.deepEqual(shiftRange(point, { start: 4, deleted: 1, inserted: 1 }), { kind: 'kept', start: 4 });
    assert.deepEqual(shiftRange(point, { start: 3, deleted: 2, inserted: 0 }), { kind: 'touched' });
  });
});

describe('textChangesFor: hunks as editor edits', () => {
  const cases: { name: string; before: string; after: string }[] = [
    { name: 'a line in the middle', before: 'a\nb\nc\n', after: 'a\nB\nc\n' },
    { name: 'the last line without a final break', before: 'a\nb', after: 'a\nB\nC' },
    { name: 'deleting the last lines', before: 'a\nb\nc', after: 'a' },
    { name: 'adding after the last line', before: 'a\nb', after: 'a\nb\nc\nd' },
    { name: 'adding a final break', before: 'a\nb', after: 'a\nb\n' },
    { name: 'removing the final break', before: 'a\nb\n', after: 'a\nb' },
    { name: 'the first line', before: 'a\nb\n', after: 'z\nb\n' },
    { name: 'everything', before: 'a\nb', after: 'x\ny\nz\n' },
    { name: 'several hunks touching an empty line between them', before: 'x\n\ny', after: 'x2\n' },
  ];
  for (const { name, before, after } of cases) {
    it(`${name}: applying the edits in order gives the hunks’ result`, () => {
      const lines = splitLines(before);
      const hunks = computeHunks(lines, splitLines(after));
      const buffer = new LineBuffer(before);
      for (const change of textChangesFor(lines, hunks, '\n')) buffer.apply(change);
      assert.equal(buffer.lines.join('\n'), after);
      assert.equal(applyHunks(lines, hunks).join('\n'), after);
    });
  }
});
