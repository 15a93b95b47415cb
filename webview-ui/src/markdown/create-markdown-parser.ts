import { type PositionedBlock, parseMarkdown } from './parse-markdown';

/**
 * A copy that shares no memory with `text`. Substrings of a streamed message otherwise keep that
 * frame's whole message alive (memoised components hold on to old props), one copy per block.
 */
function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * A parser for text that grows by appending (a streaming message). When the new text extends
 * the previous one, only the last two blocks are parsed again, so a frame costs the size of the
 * tail, not of the whole message. Any other change parses from scratch. The result equals
 * `parseMarkdown(text)`; settled blocks keep their identity between calls.
 */
export function createMarkdownParser(): (markdown: string) => PositionedBlock[] {
  let previous = '';
  let blocks: PositionedBlock[] = [];
  return (markdown) => {
    const text = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
    if (text === previous) return blocks;
    // Only the last line can be incomplete, so only the block starting on it and the one it
    // ended can change: parsing restarts at the second-to-last block.
    const restart = blocks.at(-2);
    if (restart === undefined || !text.startsWith(previous)) {
      blocks = parseMarkdown(text);
    } else {
      const from = restart.offset;
      const tail = parseMarkdown(detachedCopy(text.slice(from))).map((block) => ({
        ...block,
        offset: block.offset + from,
      }));
      blocks = blocks.slice(0, -2).concat(tail);
    }
    previous = text;
    return blocks;
  };
}
