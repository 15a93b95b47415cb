import type { Env, Token } from 'markdown-it';
import { markdownEngine } from './markdown-engine';

/** Link reference definitions (`[id]: url`) by normalised label, as markdown-it keeps them. */
export type References = NonNullable<Env['references']>;

/**
 * A top-level block of markdown: a paragraph, heading, list, quote, table, fence or rule, with
 * everything it contains. Blocks cover their input without gaps, so a block can be rendered, or
 * parsed again, on its own.
 */
export interface PositionedBlock {
  /** The input from this block's first line up to the next block's (blank lines included). */
  source: string;
  /** Where `source` starts: a character offset into the newline-normalised input. */
  offset: number;
  /** The 0-based line `source` starts on. */
  line: number;
  /**
   * The library's block tokens: one token, or an `*_open` … `*_close` run. Their `inline`
   * tokens hold unparsed text; {@link parseInline} parses it when the block is rendered.
   */
  tokens: Token[];
  /** The link definitions of the whole text, for {@link parseInline}. */
  references: References;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts;
}

/** An empty definition table; without a prototype, so a label like `constructor` is just a label. */
export function noReferences(): References {
  return Object.create(null) as References;
}

/**
 * Splits markdown into top-level blocks (markdown-it's block phase). Never produces HTML: raw
 * HTML in the input stays text. Link definitions found are added to `references` (the first
 * definition of a label wins, as in CommonMark); those already there count as defined earlier,
 * which lets a caller parse a text's tail on its own. Tolerates text cut anywhere: an unclosed
 * fence is a code block to the end. Linear in the input; inline markup is left for
 * {@link parseInline}, so finding blocks stays cheap even for a huge paragraph.
 */
export function parseMarkdown(markdown: string, references: References = noReferences()): PositionedBlock[] {
  const text = markdown.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const tokens: Token[] = [];
  markdownEngine.block.parse(text, markdownEngine, { references }, tokens);
  const starts = lineStarts(text);
  const blocks: PositionedBlock[] = [];
  for (const token of tokens) {
    // Definitions are kept in `references`; markdown-it's core drops their tokens after this phase.
    if (token.type === 'reference_definition') continue;
    if (token.level === 0 && token.nesting !== -1) {
      const line = blocks.length === 0 ? 0 : (token.map?.[0] ?? 0);
      blocks.push({ source: '', offset: starts[line] ?? text.length, line, tokens: [], references });
    }
    blocks.at(-1)?.tokens.push(token);
  }
  blocks.forEach((block, index) => {
    block.source = text.slice(block.offset, blocks[index + 1]?.offset ?? text.length);
  });
  return blocks;
}

/**
 * The inline tokens of an `inline` block token's text: emphasis, code, links (reference links
 * resolved against `references`), autolinks, breaks. Equal to what a whole-document parse gives.
 */
export function parseInline(content: string, references: References): Token[] {
  return markdownEngine.parseInline(content, { references })[0]?.children ?? [];
}
