/** @jsxRuntime automatic */
import { type ReactNode, memo, useMemo } from 'react';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel } from '../panel-context';
import { CodeBlock } from './code-block';
import { type InlineNode, parseInline } from './parse-inline';
import { createMarkdownParser } from './create-markdown-parser';
import type { MarkdownBlock } from './parse-markdown';

function Link({ href, children }: { href: string; children: ReactNode }): ReactNode {
  const { post } = usePanel();
  return (
    <a
      href={href}
      title={href}
      onClick={(event) => {
        event.preventDefault();
        post({ type: WebviewMessageType.OpenLinkCommand, url: href });
      }}
    >
      {children}
    </a>
  );
}

function renderInline(nodes: readonly InlineNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link':
        return (
          <Link key={index} href={node.href}>
            {renderInline(node.children)}
          </Link>
        );
      case 'break':
        return <br key={index} />;
    }
  });
}

function ListBlock({ block }: { block: Extract<MarkdownBlock, { type: 'list' }> }): ReactNode {
  const items = block.items.map((item, index) => (
    <li
      key={index}
      className={`md-depth-${Math.min(item.depth, 4)}${item.checked === undefined ? '' : ' md-task-item'}`}
    >
      {item.checked === undefined ? null : (
        <span
          className={`codicon ${item.checked ? 'codicon-pass-filled' : 'codicon-circle-large-outline'} md-task`}
          role="img"
          aria-label={item.checked ? 'done' : 'not done'}
        />
      )}
      {renderInline(parseInline(item.text))}
    </li>
  ));
  return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
}

/** One block; memoised on its source so a streaming message re-renders only its last block. */
const Block = memo(
  function Block({ block }: { block: MarkdownBlock }): ReactNode {
    switch (block.type) {
      case 'heading': {
        const Tag = `h${Math.min(block.level + 2, 6)}` as 'h3';
        return <Tag className="md-heading">{renderInline(parseInline(block.text))}</Tag>;
      }
      case 'paragraph':
        return <p>{renderInline(parseInline(block.text))}</p>;
      case 'code':
        return <CodeBlock code={block.code} language={block.language} />;
      case 'list':
        return <ListBlock block={block} />;
      case 'quote':
        return <blockquote>{renderInline(parseInline(block.text))}</blockquote>;
      case 'rule':
        return <hr />;
    }
  },
  (previous, next) => previous.block.source === next.block.source && previous.block.type === next.block.type,
);

/**
 * Model text rendered safely: headings, paragraphs, lists, quotes, code (with Copy), inline
 * code, bold, italic and http(s) links opened through the host. No HTML is ever injected.
 */
export function MarkdownView({ text }: { text: string }): ReactNode {
  const parse = useMemo(createMarkdownParser, []);
  const blocks = parse(text);
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        <Block key={index} block={block} />
      ))}
    </div>
  );
}
