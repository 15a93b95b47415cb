import { strict as assert } from 'node:assert';
import { findImports, stripHtmlComments } from '../../../../../src/core/context/memory/memory-text';

describe('memory text', () => {
  const imports: [text: string, expected: string[]][] = [
    ['@a.md', ['a.md']],
    ['see @docs/setup.md.', ['docs/setup.md']],
    ['(@x.md) and @y.md,', ['y.md']],
    ['mail dev@example.com', []],
    ['@my\\ notes.md', ['my notes.md']],
    ['`@span.md` @after.md', ['after.md']],
    ['@a.md @a.md', ['a.md']],
  ];
  for (const [text, expected] of imports) {
    it(`finds ${JSON.stringify(expected)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(findImports(text), expected);
    });
  }

  it('keeps HTML comments inside fenced code', () => {
    const text = '```html\n<!-- keep -->\n```\n<!-- drop -->\ntext';
    assert.equal(stripHtmlComments(text), '```html\n<!-- keep -->\n```\ntext');
  });
});
