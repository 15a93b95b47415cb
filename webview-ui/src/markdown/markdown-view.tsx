/** @jsxRuntime automatic */
import { type ReactNode, useMemo } from 'react';
import { createMarkdownParser } from './create-markdown-parser';
import { MarkdownBlock } from './markdown-block';

/**
 * Model text rendered safely from markdown-it's tokens: CommonMark with GFM tables, task lists,
 * strikethrough and autolinks; code coloured by highlight.js with Copy; links opened through the
 * host. HTML in the text shows as text; no HTML is ever injected. While `text` grows (streaming),
 * only its last blocks are parsed and rendered again.
 */
export function MarkdownView({ text }: { text: string }): ReactNode {
  const parse = useMemo(createMarkdownParser, []);
  const blocks = parse(text);
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} block={block} />
      ))}
    </div>
  );
}
