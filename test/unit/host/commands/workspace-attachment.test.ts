import { strict as assert } from 'node:assert';
import {
  fileAttachment,
  pathInside,
  selectedLines,
  selectionAttachment,
} from '../../../../src/host/commands/workspace-attachment';

describe('workspace attachments', () => {
  const root = '/work/app';

  describe('which files count as inside the workspace', () => {
    const cases: Array<[path: string, expected: string | undefined]> = [
      ['/work/app/README.md', 'README.md'],
      ['/work/app/src/deep/file.ts', 'src/deep/file.ts'],
      ['/work/app/..config', '..config'],
      ['/work/app/src/../notes.md', 'notes.md'],
      ['/work/app', undefined],
      ['/work', undefined],
      ['/work/app-other/secret.txt', undefined],
      ['/work/app/../other/file.ts', undefined],
      ['/etc/passwd', undefined],
    ];
    for (const [path, expected] of cases) {
      it(`${path} → ${expected ?? 'refused'}`, () => {
        assert.equal(pathInside(root, path), expected);
      });
    }
  });

  it('refuses a file outside the workspace, naming the reason', () => {
    assert.deepEqual(fileAttachment(root, '/tmp/elsewhere.txt'), { ok: false, refusal: 'outside-workspace' });
    assert.deepEqual(fileAttachment(undefined, '/work/app/a.ts'), { ok: false, refusal: 'no-workspace' });
    assert.deepEqual(fileAttachment(root, '/work/app/a.ts'), {
      ok: true,
      attachment: { kind: 'file', path: 'a.ts' },
    });
  });

  describe('which lines a selection covers (0-based, end-exclusive)', () => {
    const cases: Array<
      [name: string, start: [number, number], end: [number, number], lines: [number, number]]
    > = [
      ['part of one line', [4, 2], [4, 9], [4, 5]],
      ['from mid-line to mid-line', [4, 2], [7, 3], [4, 8]],
      ['whole lines ending at the start of the next line', [4, 0], [7, 0], [4, 7]],
      ['a single whole line picked in the gutter', [4, 0], [5, 0], [4, 5]],
    ];
    for (const [name, start, end, lines] of cases) {
      it(name, () => {
        assert.deepEqual(
          selectedLines({ line: start[0], character: start[1] }, { line: end[0], character: end[1] }),
          { startLine: lines[0], endLine: lines[1] },
        );
      });
    }
  });

  it('refuses an empty selection instead of attaching the line under the caret', () => {
    const caret = { line: 3, character: 5 };
    assert.equal(selectedLines(caret, caret), undefined);
    assert.deepEqual(selectionAttachment({ root, path: '/work/app/a.ts', start: caret, end: caret }), {
      ok: false,
      refusal: 'empty-selection',
    });
  });

  it('attaches a selection with its path relative to the workspace', () => {
    assert.deepEqual(
      selectionAttachment({
        root,
        path: '/work/app/src/a.ts',
        start: { line: 0, character: 0 },
        end: { line: 2, character: 4 },
      }),
      { ok: true, attachment: { kind: 'selection', path: 'src/a.ts', range: { startLine: 0, endLine: 3 } } },
    );
    assert.deepEqual(
      selectionAttachment({
        root,
        path: '/srv/other.ts',
        start: { line: 0, character: 0 },
        end: { line: 2, character: 4 },
      }),
      { ok: false, refusal: 'outside-workspace' },
    );
  });
});
