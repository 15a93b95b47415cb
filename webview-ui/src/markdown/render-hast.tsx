/** @jsxRuntime automatic */
import type { RootContent } from 'hast';
import type { ReactNode } from 'react';

function classList(value: unknown): string | undefined {
  return Array.isArray(value) ? value.join(' ') : undefined;
}

/**
 * React elements for a highlighter's syntax tree: text as text, and every element as a `span`
 * carrying only its classes, whatever the tree says, so no markup or attribute gets through.
 */
export function renderHast(nodes: readonly RootContent[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element') return null;
    return (
      <span key={index} className={classList(node.properties['className'])}>
        {renderHast(node.children)}
      </span>
    );
  });
}
