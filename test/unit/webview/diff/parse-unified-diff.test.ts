import { strict as assert } from 'node:assert';
import { diffStats, parseUnifiedDiff } from '../../../../webview-ui/src/diff/parse-unified-diff';

const diff = [
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -10,4 +10,5 @@ function f() {',
  ' keep',
  '-old',
  '+new',
  '+added',
  ' tail',
  '@@ -40,2 +41,1 @@',
  '-gone',
  ' last',
  '\\ No newline at end of file',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('hides the Index and ==== header lines the diff package writes', () => {
    const patch = [
      'Index: /w/a.ts',
      '='.repeat(67),
      '--- /w/a.ts',
      '+++ /w/a.ts',
      '@@ -1,1 +1,1 @@',
      '-a',
      '+b',
    ].join('\n');
    assert.deepEqual(
      parseUnifiedDiff(patch).map((line) => line.kind),
      ['hunk', 'remove', 'add'],
    );
  });

  it('numbers old and new lines from each hunk header', () => {
    const lines = parseUnifiedDiff(diff).map((line) => [line.kind, line.oldLine, line.newLine, line.text]);
    assert.deepEqual(lines, [
      ['hunk', undefined, undefined, '@@ -10,4 +10,5 @@ function f() {'],
      ['context', 10, 10, 'keep'],
      ['remove', 11, undefined, 'old'],
      ['add', undefined, 11, 'new'],
      ['add', undefined, 12, 'added'],
      ['context', 12, 13, 'tail'],
      ['hunk', undefined, undefined, '@@ -40,2 +41,1 @@'],
      ['remove', 40, undefined, 'gone'],
      ['context', 41, 41, 'last'],
      ['meta', undefined, undefined, '\\ No newline at end of file'],
    ]);
  });

  it('counts added and removed lines for the header', () => {
    assert.deepEqual(diffStats(parseUnifiedDiff(diff)), { added: 2, removed: 2 });
  });

  it('shows text that is not a diff as meta lines instead of failing', () => {
    assert.deepEqual(parseUnifiedDiff('Binary files differ'), [
      { kind: 'meta', text: 'Binary files differ' },
    ]);
  });
});
