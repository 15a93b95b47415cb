import { type PositionedBlock, parseMarkdown } from './parse-markdown';

/**
 * A deep copy with fresh strings. Substrings of a streamed message can keep the whole message
 * of that frame alive; a settled block is copied once so old frames can be collected.
 */
function detach(block: PositionedBlock): PositionedBlock {
  return JSON.parse(JSON.stringify(block)) as PositionedBlock;
}

/**
 * A parser for text that grows by appending (a streaming message). When the new text extends
 * the previous one, only the last two blocks are parsed again, so a frame costs the size of
 * the tail, not of the whole message. Any other change parses from scratch. The result equals
 * `parseMarkdown(text)`; settled blocks keep their identity between calls.
 */
export function createMarkdownParser(): (markdown: string) => PositionedBlock[] {
  let previous = '';
  let blocks: PositionedBlock[] = [];
  let settled = 0;
  return (markdown) => {
    const text = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
    if (text === previous) return blocks;
    // Only the last line can be incomplete, so only the block starting on it and the one it
    // ended can change: parsing restarts at the second-to-last block.
    const restart = blocks.at(-2);
    if (restart === undefined || !text.startsWith(previous)) {
      blocks = parseMarkdown(text);
      settled = 0;
    } else {
      const from = restart.offset;
      const tail = parseMarkdown(text.slice(from)).map((block) => ({ ...block, offset: block.offset + from }));
      blocks = blocks.slice(0, -2).concat(tail);
    }
    for (let index = settled; index < blocks.length - 2; index += 1) {
      const block = blocks[index];
      if (block !== undefined) blocks[index] = detach(block);
    }
    settled = Math.max(0, blocks.length - 2);
    previous = text;
    return blocks;
  };
}
