import { strict as assert } from 'node:assert';
import { rebaseEdit } from '../../../../src/host/review/rebase-edit';

const cases: {
  name: string;
  base: string;
  current: string;
  proposed: string;
  merged?: string;
  overlap?: [number, number];
}[] = [
  {
    name: 'a line typed at the end of a one-line file, the agent editing line 1',
    base: 'print("hello")\n',
    current: 'print("hello")\nprint("mine")\n',
    proposed: 'print("hello, world")\n',
    merged: 'print("hello, world")\nprint("mine")\n',
  },
  {
    name: 'a line typed at the end of a file without a final newline',
    base: 'a',
    current: 'a\nmine',
    proposed: 'A',
    merged: 'A\nmine',
  },
  {
    name: 'a line typed above the edited one',
    base: 'a\nb\n',
    current: 'top\na\nb\n',
    proposed: 'A\nb\n',
    merged: 'top\nA\nb\n',
  },
  {
    name: 'edits to neighbouring lines',
    base: 'a\nb\nc\n',
    current: 'a\nB\nc\n',
    proposed: 'a\nb\nC\n',
    merged: 'a\nB\nC\n',
  },
  {
    name: 'the same change made by both',
    base: 'a\nb\n',
    current: 'a\nZ\n',
    proposed: 'a\nZ\n',
    merged: 'a\nZ\n',
  },
  {
    name: 'CRLF lines, keeping them CRLF',
    base: 'a\r\nb\r\nc\r\n',
    current: 'a\r\nb\r\nc\r\nmine\r\n',
    proposed: 'A\r\nb\r\nc\r\n',
    merged: 'A\r\nb\r\nc\r\nmine\r\n',
  },
  {
    name: 'both changing the same line',
    base: 'a\nb\nc\n',
    current: 'a\nX\nc\n',
    proposed: 'a\nY\nc\n',
    overlap: [2, 2],
  },
  {
    name: 'a line typed inside the lines the agent replaces',
    base: 'a\nb\nc\nd\n',
    current: 'a\nb\nmine\nc\nd\n',
    proposed: 'a\nB\nC\nd\n',
    overlap: [3, 3],
  },
  {
    name: 'both inserting at the same place',
    base: 'a\nb\n',
    current: 'a\nmine\nb\n',
    proposed: 'a\ntheirs\nb\n',
    overlap: [2, 2],
  },
];

describe('rebaseEdit (a waiting proposal onto the file as the person has it now)', () => {
  for (const example of cases) {
    it(`${example.overlap ? 'refuses' : 'merges'} ${example.name}`, () => {
      const result = rebaseEdit(example);
      if (example.overlap) {
        assert.deepEqual(result, {
          kind: 'overlap',
          lines: { first: example.overlap[0], last: example.overlap[1] },
        });
      } else {
        assert.deepEqual(result, { kind: 'merged', text: example.merged });
      }
    });
  }
});
