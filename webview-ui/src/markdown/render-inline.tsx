/** @jsxRuntime automatic */
import type { Token } from 'markdown-it';
import { Fragment, type ReactNode } from 'react';
import { MarkdownLink } from './markdown-link';
import { type TokenNode, nestTokens } from './nest-tokens';

/** The fields of an inline token that rendering reads (a task item passes a trimmed copy). */
export type InlineToken = Pick<Token, 'type' | 'content' | 'attrs' | 'children' | 'nesting'>;

function attribute(token: InlineToken, name: string): string {
  return String(token.attrs?.find(([key]) => key === name)?.[1] ?? '');
}

function renderNodes(nodes: readonly TokenNode<InlineToken>[]): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index));
}

function renderNode({ token, children }: TokenNode<InlineToken>, key: number): ReactNode {
  switch (token.type) {
    case 'text':
      return token.content;
    case 'softbreak':
    case 'hardbreak':
      // Models end lines where they want a line break, so single newlines show as breaks.
      return <br key={key} />;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    case 'strong_open':
      return <strong key={key}>{renderNodes(children)}</strong>;
    case 'em_open':
      return <em key={key}>{renderNodes(children)}</em>;
    case 's_open':
      return <del key={key}>{renderNodes(children)}</del>;
    case 'link_open':
      return (
        <MarkdownLink key={key} href={attribute(token, 'href')}>
          {renderNodes(children)}
        </MarkdownLink>
      );
    case 'image':
      // The panel loads no remote content: an image shows as its description, linked to its source.
      return (
        <MarkdownLink key={key} href={attribute(token, 'src')}>
          <span className="md-image">
            <span className="codicon codicon-file-media" aria-hidden="true" />
            {token.content === '' ? attribute(token, 'src') : token.content}
          </span>
        </MarkdownLink>
      );
    default:
      return children.length > 0 ? <Fragment key={key}>{renderNodes(children)}</Fragment> : token.content;
  }
}

/**
 * React elements for an inline token's children: text, code, emphasis, strikethrough, breaks,
 * links and images. Text is always a React text node, never HTML.
 */
export function renderInline(tokens: readonly InlineToken[]): ReactNode[] {
  return renderNodes(nestTokens(tokens));
}
