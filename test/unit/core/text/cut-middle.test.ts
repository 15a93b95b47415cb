import { strict as assert } from 'node:assert';
import type { CutText } from '../../../../src/core/text/cut-middle';
import {
  countLines,
  cutMiddle,
  cutMiddleText,
  cutNote,
  renderCut,
  savedAt,
  wholeText,
} from '../../../../src/core/text/cut-middle';

const numbered = (count: number): string =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}\n`).join('');

/** Characters and line breaks of the text behind a cut, recomputed from what was kept. */
const original = (text: CutText) => ({
  characters: text.head.length + text.omitted.characters + text.tail.length,
  lines: countLines(text.head) + text.omitted.lines + countLines(text.tail),
});

describe('cutMiddle', () => {
  it('leaves text within the limit unchanged', () => {
    assert.deepEqual(cutMiddle('short', 5), wholeText('short'));
    assert.equal(cutMiddleText('short', 5), 'short');
  });

  it('keeps the head and the tail and fits the note inside the limit', () => {
    const text = 'a'.repeat(500) + 'b'.repeat(500);
    const rendered = cutMiddleText(text, 100);
    assert.ok(rendered.length <= 100, `rendered ${rendered.length} characters`);
    assert.match(rendered, /^a+\n\[… \d+ characters cut …\]\nb+$/);
    const cut = cutMiddle(text, 100);
    assert.equal(cut.head.length + cut.tail.length + cut.omitted.characters, 1_000);
  });

  it('counts the lines it leaves out and cuts on line boundaries', () => {
    const cut = cutMiddle(numbered(1_000), 200);
    assert.ok(cut.head.endsWith('\n'), 'the head ends with a whole line');
    assert.match(cut.tail, /^line \d+\n/, 'the tail starts with a whole line');
    assert.equal(cut.omitted.lines, 1_000 - countLines(cut.head) - countLines(cut.tail));
    assert.deepEqual(original(cut), { characters: numbered(1_000).length, lines: 1_000 });
    assert.match(
      renderCut(cut),
      new RegExp(`\\[… [\\d,]+ characters \\(${cut.omitted.lines} lines\\) cut …\\]`),
    );
  });

  it('adds a second cut to the first, so one note says what both left out', () => {
    const first = cutMiddle(numbered(10_000), 20_000);
    const second = cutMiddle(first, 2_000);
    assert.deepEqual(original(second), original(first));
    assert.ok(second.omitted.characters > first.omitted.characters);
    const rendered = renderCut(second);
    assert.ok(rendered.length <= 2_000);
    assert.equal(rendered.match(/characters/g)?.length, 1, 'exactly one note');
    assert.ok(rendered.startsWith('line 1\n'));
    assert.ok(rendered.endsWith('line 10000\n'));
  });

  it('renders an already cut text that fits with its note, and cuts nothing more', () => {
    const cut: CutText = { head: 'top\n', omitted: { characters: 5_000, lines: 400 }, tail: 'bottom\n' };
    assert.deepEqual(cutMiddle(cut, 1_000), cut);
    assert.equal(renderCut(cut), 'top\n[… 5,000 characters (400 lines) cut …]\nbottom\n');
  });

  it('names the file the text was saved to, and still fits the note inside the limit', () => {
    const text = Array.from({ length: 2_000 }, (_, line) => `line ${line}`).join('\n');
    const rendered = renderCut(
      cutMiddle(savedAt(wholeText(text), '/sessions/s1/tool-results/toolu_1.txt'), 1_000),
    );
    assert.ok(rendered.length <= 1_000, `${rendered.length} characters`);
    assert.match(
      rendered,
      /\[… [\d,]+ characters \([\d,]+ lines\) cut; the output is saved in \/sessions\/s1\/tool-results\/toolu_1\.txt …\]/,
    );
    assert.equal(renderCut(savedAt(wholeText('short'), '/p')), 'short', 'nothing cut, no note');
  });

  it('keeps only the note when the limit leaves no room for text', () => {
    const rendered = cutMiddleText('x'.repeat(1_000), 10);
    assert.equal(rendered, '[… 1,000 characters cut …]\n');
  });
});

describe('cutNote', () => {
  const table: { characters: number; lines: number; savedTo?: string; expected: string }[] = [
    { characters: 12_345, lines: 0, expected: '[… 12,345 characters cut …]' },
    { characters: 80, lines: 1, expected: '[… 80 characters (1 line) cut …]' },
    {
      characters: 80,
      lines: 0,
      savedTo: '/s/r.txt',
      expected: '[… 80 characters cut; the output is saved in /s/r.txt …]',
    },
    {
      characters: 49_970_000,
      lines: 6_245_000,
      expected: '[… 49,970,000 characters (6,245,000 lines) cut …]',
    },
  ];
  for (const { expected, ...omission } of table) {
    it(`writes ${expected}`, () => assert.equal(cutNote(omission), expected));
  }
});
