import { strict as assert } from 'node:assert';
import { createMarkdownParser } from '../../../../webview-ui/src/markdown/create-markdown-parser';
import { parseMarkdown } from '../../../../webview-ui/src/markdown/parse-markdown';

const message = [
  'Intro with **bold** text.',
  '',
  '## Steps',
  '1. first',
  '2. second',
  '   continued',
  '- [ ] task',
  '',
  '```ts',
  'const a = 1;',
  '',
  'const b = 2;',
  '```',
  '> quoted',
  '---',
  'Closing paragraph',
  'on two lines.',
].join('\n');

describe('createMarkdownParser', () => {
  for (const chunk of [1, 3, 7, 40]) {
    it(`matches a full parse at every step when text streams in ${chunk}-character pieces`, () => {
      const parse = createMarkdownParser();
      for (let end = chunk; end < message.length + chunk; end += chunk) {
        const text = message.slice(0, end);
        assert.deepEqual(parse(text), parseMarkdown(text), `after ${text.length} characters`);
      }
    });
  }

  it('keeps settled blocks as the same objects while the tail grows', () => {
    const parse = createMarkdownParser();
    const first = parse('# Title\n\nIntro\n\npara');
    const second = parse('# Title\n\nIntro\n\nparagraph grows');
    assert.equal(second[0], first[0]);
    assert.notEqual(second[2], first[2]);
  });

  it('parses from scratch when the text is replaced rather than extended', () => {
    const parse = createMarkdownParser();
    parse('# One\n\ntext');
    assert.deepEqual(parse('- two'), parseMarkdown('- two'));
  });
});
