import { strict as assert } from 'node:assert';
import type { Root, RootContent } from 'hast';
import { highlightCode, maxHighlightChars } from '../../../../webview-ui/src/markdown/highlight-code';

function text(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(text).join('') : '';
}

/** The text of every span with `scope` among its classes. */
function scoped(root: Root | null, scope: string): string[] {
  const found: string[] = [];
  const visit = (node: Root | RootContent): void => {
    if (node.type === 'element' && String(node.properties['className']).split(',').includes(scope))
      found.push(text(node));
    if ('children' in node) node.children.forEach(visit);
  };
  if (root !== null) visit(root);
  return found;
}

describe('highlightCode', () => {
  it('colours keywords, strings, numbers and comments without losing characters', () => {
    const code = 'const s = "a // b"; // note\nreturn 42;';
    const root = highlightCode(code, 'ts');
    assert.equal(root === null ? '' : text(root), code);
    assert.deepEqual(scoped(root, 'hljs-keyword'), ['const', 'return']);
    assert.deepEqual(scoped(root, 'hljs-string'), ['"a // b"']);
    assert.deepEqual(scoped(root, 'hljs-comment'), ['// note']);
    assert.deepEqual(scoped(root, 'hljs-number'), ['42']);
  });

  const languages: [string, string, string, string][] = [
    ['python', 'def f():\n    # done\n    pass', 'hljs-comment', '# done'],
    ['py', 'import os', 'hljs-keyword', 'import'],
    ['bash', 'echo hi # done', 'hljs-comment', '# done'],
    ['js', 'let x = `t`;', 'hljs-string', '`t`'],
    ['c', '#include <stdio.h>', 'hljs-meta', '#include <stdio.h>'],
    ['rust', 'fn main() {}', 'hljs-keyword', 'fn'],
    ['go', 'func main() {}', 'hljs-keyword', 'func'],
    ['yaml', 'name: ci', 'hljs-attr', 'name:'],
    ['json', '{"a": true}', 'hljs-literal', 'true'],
    ['sql', 'SELECT 1', 'hljs-keyword', 'SELECT'],
    ['diff', '-old\n+new', 'hljs-addition', '+new'],
    ['toml', '[package]', 'hljs-section', '[package]'],
    ['html', '<p>hi</p>', 'hljs-name', 'p'],
  ];
  for (const [language, code, scope, expected] of languages) {
    it(`colours ${language}`, () =>
      assert.ok(scoped(highlightCode(code, language), scope).includes(expected)));
  }

  it('leaves code plain when the language is unknown or missing, without guessing', () => {
    assert.equal(highlightCode('const a = 1;', 'no-such-language'), null);
    assert.equal(highlightCode('const a = 1;', ''), null);
  });

  it('leaves very large blocks plain', () => {
    assert.equal(highlightCode('x'.repeat(maxHighlightChars + 1), 'ts'), null);
  });
});
