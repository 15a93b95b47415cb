import { strict as assert } from 'node:assert';
import { parseMarkdown } from '../../../../webview-ui/src/markdown/parse-markdown';

describe('parseMarkdown', () => {
  const cases: { name: string; input: string; types: string[] }[] = [
    { name: 'a heading then a paragraph', input: '# Title\ntext', types: ['heading', 'paragraph'] },
    { name: 'a paragraph spanning lines', input: 'one\ntwo\n\nthree', types: ['paragraph', 'paragraph'] },
    { name: 'bullet and numbered lists', input: '- a\n- b\n\n1. x\n2. y', types: ['list', 'list'] },
    { name: 'a quote and a rule', input: '> said\n\n---', types: ['quote', 'rule'] },
    {
      name: 'a fenced block with a blank line inside',
      input: '```ts\na\n\nb\n```\nafter',
      types: ['code', 'paragraph'],
    },
    { name: 'a list right after a paragraph', input: 'Steps:\n- one', types: ['paragraph', 'list'] },
  ];
  for (const { name, input, types } of cases) {
    it(`splits ${name}`, () => {
      assert.deepEqual(
        parseMarkdown(input).map((block) => block.type),
        types,
      );
    });
  }

  it('shows a code fence cut mid-stream as an open code block', () => {
    const [block] = parseMarkdown('```python\nprint(1)\nprint(');
    assert.deepEqual(block, {
      type: 'code',
      language: 'python',
      code: 'print(1)\nprint(',
      closed: false,
      source: '```python\nprint(1)\nprint(',
      offset: 0,
    });
  });

  it('keeps markdown inside a code block verbatim', () => {
    const [block] = parseMarkdown('```\n# not a heading\n- not a list\n```');
    assert.equal(block?.type === 'code' && block.code, '# not a heading\n- not a list');
  });

  it('records nesting depth and task checkboxes of list items', () => {
    const [block] = parseMarkdown('- [x] done\n  - [ ] nested\n- plain');
    assert.deepEqual(block?.type === 'list' && block.items, [
      { depth: 0, text: 'done', checked: true },
      { depth: 1, text: 'nested', checked: false },
      { depth: 0, text: 'plain' },
    ]);
  });

  it('numbers an ordered list from its first marker', () => {
    const [block] = parseMarkdown('3. c\n4. d');
    assert.equal(block?.type === 'list' && block.start, 3);
  });
});
