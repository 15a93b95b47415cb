import { strict as assert } from 'node:assert';
import { highlightCode, maxHighlightChars } from '../../../../webview-ui/src/markdown/highlight-code';

describe('highlightCode', () => {
  it('colours keywords, strings, numbers and comments without losing characters', () => {
    const code = 'const s = "a // b"; // note\nreturn 42;';
    const tokens = highlightCode(code, 'ts');
    assert.equal(tokens.map((token) => token.text).join(''), code);
    assert.deepEqual(
      tokens.filter((token) => token.kind !== 'plain'),
      [
        { kind: 'keyword', text: 'const' },
        { kind: 'string', text: '"a // b"' },
        { kind: 'comment', text: '// note' },
        { kind: 'keyword', text: 'return' },
        { kind: 'number', text: '42' },
      ],
    );
  });

  it('uses # comments for shell and Python', () => {
    const tokens = highlightCode('echo hi # done', 'bash');
    assert.deepEqual(tokens.at(-1), { kind: 'comment', text: '# done' });
  });

  it('leaves very large blocks plain', () => {
    const code = 'x'.repeat(maxHighlightChars + 1);
    assert.deepEqual(highlightCode(code, 'ts'), [{ kind: 'plain', text: code }]);
  });
});
