import type { InlineToken } from './render-inline';

/** A GFM task list item: whether it is ticked, and its text without the `[ ]` marker. */
export interface TaskMarker {
  checked: boolean;
  inline: InlineToken[];
}

const marker = /^\[([ xX])\](?:\s+|$)/;

/**
 * The task marker at the start of a list item's first paragraph (`[ ] todo`, `[x] done`), given
 * that paragraph's inline tokens, or null for a plain item. markdown-it leaves GFM task lists to
 * plugins that emit HTML, so the marker is read here. A marker still alone at the end of a stream
 * (`- [ ]`) already counts, so the box does not flicker in.
 */
export function taskMarker(inline: readonly InlineToken[]): TaskMarker | null {
  const [first, ...rest] = inline;
  const match = first?.type === 'text' ? marker.exec(first.content) : null;
  if (first === undefined || match === null) return null;
  const text = first.content.slice(match[0].length);
  return { checked: match[1] !== ' ', inline: text === '' ? rest : [{ ...first, content: text }, ...rest] };
}
