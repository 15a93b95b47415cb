import { strict as assert } from 'node:assert';
import { parseInline, parseMarkdown } from '../../../../webview-ui/src/markdown/parse-markdown';

const firstTokens = (input: string): string[] =>
  parseMarkdown(input).map((block) => block.tokens[0]?.type ?? '');

describe('parseMarkdown', () => {
  const cases: { name: string; input: string; types: string[] }[] = [
    { name: 'a heading then a paragraph', input: '# Title\ntext', types: ['heading_open', 'paragraph_open'] },
    { name: 'setext headings', input: 'Title\n=====\n\nSub\n---', types: ['heading_open', 'heading_open'] },
    {
      name: 'a paragraph spanning lines',
      input: 'one\ntwo\n\nthree',
      types: ['paragraph_open', 'paragraph_open'],
    },
    {
      name: 'bullet and numbered lists',
      input: '- a\n- b\n\n1. x\n2. y',
      types: ['bullet_list_open', 'ordered_list_open'],
    },
    {
      name: 'a list with a fence inside one item as one block',
      input: '1. run\n   ```sh\n   npm ci\n   ```\n2. test',
      types: ['ordered_list_open'],
    },
    {
      name: 'a quote holding a list',
      input: '> - a\n> - b\n\nafter',
      types: ['blockquote_open', 'paragraph_open'],
    },
    {
      name: 'a table right after a paragraph',
      input: 'Results:\n| a | b |\n|---|---|\n| 1 | 2 |',
      types: ['paragraph_open', 'table_open'],
    },
    { name: 'a rule', input: 'above\n\n---\n\nbelow', types: ['paragraph_open', 'hr', 'paragraph_open'] },
    {
      name: 'a fence around a fence',
      input: '````md\n```ts\nx\n```\n````\nafter',
      types: ['fence', 'paragraph_open'],
    },
  ];
  for (const { name, input, types } of cases) {
    it(`splits ${name}`, () => assert.deepEqual(firstTokens(input), types));
  }

  it('covers the input without gaps, each block starting on a line at its offset', () => {
    const input = '\n\n# Title\n\n[docs]: https://example.com\n\n- a\n- b\n\n\ntext\n';
    const blocks = parseMarkdown(input);
    assert.equal(blocks.map((block) => block.source).join(''), input);
    for (const block of blocks) {
      assert.equal(input.slice(block.offset).startsWith(block.source), true);
      assert.equal(input.slice(0, block.offset).split('\n').length - 1, block.line);
    }
    assert.deepEqual(
      blocks.map((block) => block.line),
      [0, 6, 10],
    );
  });

  it('shows a code fence cut mid-stream as a fence running to the end', () => {
    const [block] = parseMarkdown('```python\nprint(1)\nprint(');
    assert.equal(block?.tokens[0]?.type, 'fence');
    assert.equal(block?.tokens[0]?.info, 'python');
    assert.equal(block?.tokens[0]?.content, 'print(1)\nprint(');
  });

  it('never recognises HTML: tags stay text', () => {
    const blocks = parseMarkdown('<div>\n<script>alert(1)</script>\n</div>\n\n<img src=x onerror=alert(1)>');
    const types = blocks.flatMap((block) =>
      block.tokens.flatMap((token) => [
        token.type,
        ...(token.type === 'inline' ? parseInline(token.content, block.references) : []).map(
          (child) => child.type,
        ),
      ]),
    );
    assert.ok(types.includes('text'));
    assert.equal(
      types.some((type) => type.startsWith('html')),
      false,
    );
  });

  it('normalises Windows line endings', () => {
    assert.deepEqual(
      parseMarkdown('# A\r\n\r\ntext').map((block) => block.source),
      ['# A\n\n', 'text'],
    );
  });

  it('adds the definitions it finds and resolves links with the ones it was given', () => {
    const references = {};
    parseMarkdown('[1]: https://example.com/a', references);
    const [block] = parseMarkdown('see [docs][1]', references);
    const inline = parseInline(block?.tokens[1]?.content ?? '', references);
    const link = inline.find((token) => token.type === 'link_open');
    assert.deepEqual(link?.attrs, [['href', 'https://example.com/a']]);
  });

  it('leaves inline markup to parseInline, so a huge paragraph splits cheaply', () => {
    const [block] = parseMarkdown('**bold** and `code`');
    assert.deepEqual(block?.tokens[1]?.children, []);
    const inline = parseInline(block?.tokens[1]?.content ?? '', block?.references ?? {});
    assert.deepEqual(
      inline.map((token) => token.type).filter((type) => type !== 'text'),
      ['strong_open', 'strong_close', 'code_inline'],
    );
  });
});
