import { markdownEngine } from './markdown-engine';
import { type PositionedBlock, type References, noReferences, parseMarkdown } from './parse-markdown';

/**
 * A copy that shares no memory with `text`. Substrings of a streamed message otherwise keep that
 * frame's whole message alive (memoised components hold on to old props), one copy per block.
 */
function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function newlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/**
 * The first block that appending text could change. Only the last line can still grow, and
 * markdown-it decides where a block ends by looking at most two lines ahead (a table header
 * ends a paragraph only if the line after it is a delimiter row), so every block that starts
 * two lines or more before the last one is settled.
 */
function firstOpenBlock(blocks: readonly PositionedBlock[], lastLine: number): number {
  let index = blocks.length - 1;
  while (index > 0 && (blocks[index]?.line ?? 0) > lastLine - 2) index -= 1;
  return index;
}

/** Every definition, in an order that does not depend on where each was found. */
function describe(references: References): string {
  const entries: string[] = [];
  for (const label in references) {
    const reference = references[label];
    entries.push(`${label}\n${reference?.href ?? ''}\n${reference?.title ?? ''}`);
  }
  return entries.sort().join('\n\n');
}

/**
 * A parser for text that grows by appending (a streaming message). When the new text extends the
 * previous one, only the blocks from the first one that could change are parsed again, so a frame
 * costs the size of the tail, not of the whole message. Any other change, or a link definition
 * that appears or changes (links before it may use it), parses from scratch. The result equals
 * `parseMarkdown(text)`; settled blocks, and re-parsed ones whose source is unchanged, keep their
 * identity between calls, so memoised rendering skips them.
 */
export function createMarkdownParser(): (markdown: string) => PositionedBlock[] {
  let previous = '';
  let blocks: PositionedBlock[] = [];
  let definitions = '';
  /** `blocks` before this index are settled, and their definitions are in `settledReferences`. */
  let settled = 0;
  let settledReferences = noReferences();
  /** The definitions of the last full parse; every block renders with them (they have not changed since). */
  let references = noReferences();

  const parseAll = (text: string): void => {
    references = noReferences();
    blocks = parseMarkdown(text, references);
    definitions = describe(references);
    settled = 0;
    settledReferences = noReferences();
  };

  const settle = (until: number): void => {
    for (; settled < until; settled += 1) {
      const source = blocks[settled]?.source ?? '';
      if (source.includes(']:'))
        markdownEngine.block.parse(source, markdownEngine, { references: settledReferences }, []);
    }
  };

  const parseTail = (text: string): void => {
    const last = blocks.at(-1);
    const restart = firstOpenBlock(blocks, (last?.line ?? 0) + newlines(last?.source ?? ''));
    const from = blocks[restart];
    if (from === undefined) return parseAll(text);
    settle(restart);
    const found = Object.create(settledReferences) as References;
    const tail = parseMarkdown(detachedCopy(text.slice(from.offset)), found);
    if (describe(found) !== definitions) return parseAll(text);
    const next = tail.map((block, index): PositionedBlock => {
      const old = blocks[restart + index];
      const offset = block.offset + from.offset;
      if (old !== undefined && old.offset === offset && old.source === block.source) return old;
      for (const token of block.tokens)
        if (token.map !== null) token.map = [token.map[0] + from.line, token.map[1] + from.line];
      return { ...block, offset, line: block.line + from.line, references };
    });
    blocks = blocks.slice(0, restart).concat(next);
  };

  return (markdown) => {
    const text = markdown.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
    if (text === previous) return blocks;
    if (previous !== '' && text.startsWith(previous)) parseTail(text);
    else parseAll(text);
    previous = text;
    return blocks;
  };
}
