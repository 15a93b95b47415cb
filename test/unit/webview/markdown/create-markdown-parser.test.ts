import { strict as assert } from 'node:assert';
import { createMarkdownParser } from '../../../../webview-ui/src/markdown/create-markdown-parser';
import { parseInline, parseMarkdown } from '../../../../webview-ui/src/markdown/parse-markdown';
import { modelAnswer, modelAnswerNames } from './model-answers';

/** Texts whose blocks change shape as the last line grows. */
const traps: Record<string, string> = {
  'a heading marker that becomes paragraph text': 'para\n#x and more\n\nnext',
  'a rule that becomes emphasis': 'para\n***x***\n',
  'a setext underline under a paragraph': 'Title\ntext\n=====\n\nafter',
  'a table header that turns out to be paragraph text': 'para\n| a |\n|-x\n\n| b |\n|---|\n| 1 |',
  'a list that continues after a blank line': '- a\n\n  still a\n- b\n\nafter',
  'a reference used before its definition':
    'See [the docs][1].\n\nMore text.\n\n[1]: https://example.com/docs "Docs"',
};

function assertStreamsLikeAFullParse(message: string, chunk: number): void {
  const parse = createMarkdownParser();
  for (let end = chunk; end < message.length + chunk; end += chunk) {
    const text = message.slice(0, end);
    assert.deepEqual(parse(text), parseMarkdown(text), `after ${text.length} characters`);
  }
}

describe('createMarkdownParser', () => {
  for (const name of modelAnswerNames) {
    for (const chunk of [1, 3, 7, 40]) {
      it(`matches a full parse at every step when ${name} streams in ${chunk}-character pieces`, () =>
        assertStreamsLikeAFullParse(modelAnswer(name), chunk));
    }
  }
  for (const [name, text] of Object.entries(traps)) {
    it(`matches a full parse at every step for ${name}`, () => assertStreamsLikeAFullParse(text, 1));
  }

  it('links a reference written before its definition once the definition arrives', () => {
    const parse = createMarkdownParser();
    const text = traps['a reference used before its definition'] ?? '';
    for (let end = 1; end <= text.length; end += 1) parse(text.slice(0, end));
    const [block] = parse(text);
    const inline = parseInline(block?.tokens[1]?.content ?? '', block?.references ?? {});
    const link = inline.find((token) => token.type === 'link_open');
    assert.deepEqual(link?.attrs, [
      ['href', 'https://example.com/docs'],
      ['title', 'Docs'],
    ]);
  });

  it('keeps settled blocks, and re-parsed blocks that did not change, as the same objects', () => {
    const parse = createMarkdownParser();
    const first = parse('# Title\n\nIntro\n\n- a\n\npara');
    const second = parse('# Title\n\nIntro\n\n- a\n\nparagraph grows');
    assert.equal(second[0], first[0]);
    assert.equal(second[1], first[1]);
    assert.equal(second[2], first[2]);
    assert.notEqual(second[3], first[3]);
  });

  it('parses from scratch when the text is replaced rather than extended', () => {
    const parse = createMarkdownParser();
    parse('# One\n\ntext');
    assert.deepEqual(parse('- two'), parseMarkdown('- two'));
  });
});
