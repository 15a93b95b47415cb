/** @jsxRuntime automatic */
import type { Token } from 'markdown-it';
import { Fragment, type ReactNode, memo } from 'react';
import { CodeBlock } from './code-block';
import { type TokenNode, nestTokens } from './nest-tokens';
import { type PositionedBlock, type References, parseInline } from './parse-markdown';
import { renderInline } from './render-inline';
import { taskMarker } from './task-marker';

function attribute(token: Token, name: string): string | undefined {
  const value = token.attrs?.find(([key]) => key === name)?.[1];
  return value === undefined ? undefined : String(value);
}

/** GFM column alignment, which markdown-it gives as an inline style the panel's CSP would refuse. */
function alignClass(token: Token): string | undefined {
  const align = /text-align:(left|center|right)/.exec(attribute(token, 'style') ?? '')?.[1];
  return align === undefined ? undefined : `md-align-${align}`;
}

function fenceLanguage(info: string): string {
  return (info.trim().split(/\s+/, 1)[0] ?? '').toLowerCase();
}

function withoutFinalNewline(code: string): string {
  return code.endsWith('\n') ? code.slice(0, -1) : code;
}

function renderNodes(nodes: readonly TokenNode<Token>[], references: References): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index, references));
}

/** A list item; one whose first paragraph starts with `[ ]` or `[x]` is a task with a box. */
function ListItem({ item, references }: { item: TokenNode<Token>; references: References }): ReactNode {
  const [first, ...rest] = item.children;
  const inline = first?.token.type === 'paragraph_open' ? first.children[0]?.token : undefined;
  if (first === undefined || inline === undefined) return <li>{renderNodes(item.children, references)}</li>;
  const tokens = parseInline(inline.content, references);
  const task = taskMarker(tokens);
  const text = renderInline(task?.inline ?? tokens);
  return (
    <li className={task === null ? undefined : 'md-task-item'}>
      {task === null ? null : (
        <span
          className={`codicon ${task.checked ? 'codicon-pass-filled' : 'codicon-circle-large-outline'} md-task`}
          role="img"
          aria-label={task.checked ? 'done' : 'not done'}
        />
      )}
      {first.token.hidden ? text : <p>{text}</p>}
      {renderNodes(rest, references)}
    </li>
  );
}

function renderNode(node: TokenNode<Token>, key: number, references: References): ReactNode {
  const { token, children } = node;
  const inner = (): ReactNode[] => renderNodes(children, references);
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{renderInline(parseInline(token.content, references))}</Fragment>;
    case 'paragraph_open':
      // Paragraphs of tight list items are hidden: their text sits directly in the item.
      return token.hidden ? <Fragment key={key}>{inner()}</Fragment> : <p key={key}>{inner()}</p>;
    case 'heading_open': {
      // The panel's own titles take the top levels; a model's `#` is a section inside one answer.
      const Tag = `h${Math.min(Number(token.tag.slice(1)) + 2, 6)}` as 'h3';
      return (
        <Tag key={key} className="md-heading">
          {inner()}
        </Tag>
      );
    }
    case 'blockquote_open':
      return <blockquote key={key}>{inner()}</blockquote>;
    case 'bullet_list_open':
      return <ul key={key}>{inner()}</ul>;
    case 'ordered_list_open':
      return (
        <ol key={key} start={Number(attribute(token, 'start') ?? 1)}>
          {inner()}
        </ol>
      );
    case 'list_item_open':
      return <ListItem key={key} item={node} references={references} />;
    case 'table_open':
      return (
        <div key={key} className="md-table">
          <table>{inner()}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{inner()}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{inner()}</tbody>;
    case 'tr_open':
      return <tr key={key}>{inner()}</tr>;
    case 'th_open':
      return (
        <th key={key} className={alignClass(token)}>
          {inner()}
        </th>
      );
    case 'td_open':
      return (
        <td key={key} className={alignClass(token)}>
          {inner()}
        </td>
      );
    case 'hr':
      return <hr key={key} />;
    case 'fence':
      return (
        <CodeBlock key={key} code={withoutFinalNewline(token.content)} language={fenceLanguage(token.info)} />
      );
    case 'code_block':
      return <CodeBlock key={key} code={withoutFinalNewline(token.content)} language="" />;
    default:
      return children.length > 0 ? <Fragment key={key}>{inner()}</Fragment> : token.content;
  }
}

/**
 * One top-level block rendered from the library's tokens. Memoised on the block object: the
 * streaming parser keeps unchanged blocks identical, so only the growing one renders again.
 */
export const MarkdownBlock = memo(function MarkdownBlock({ block }: { block: PositionedBlock }): ReactNode {
  return renderNodes(nestTokens(block.tokens), block.references);
});
