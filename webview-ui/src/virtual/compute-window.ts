/** What the windowed list needs to know to pick the rows to render. All lengths in CSS pixels. */
export interface WindowInput {
  count: number;
  /** The measured height of row `index`, or undefined if it has not been rendered yet. */
  heightOf: (index: number) => number | undefined;
  /** Height assumed for rows never measured. */
  estimatedHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Extra pixels rendered above and below the viewport, so fast scrolling shows no gaps. */
  overscan: number;
}

/** The rows to render: `[start, end)`, with spacer heights standing in for the rows left out. */
export interface VisibleWindow {
  start: number;
  end: number;
  paddingTop: number;
  paddingBottom: number;
  totalHeight: number;
}

/** Offsets of each row's top edge; `offsets[count]` is the total height. O(count). */
export function rowOffsets(input: Pick<WindowInput, 'count' | 'heightOf' | 'estimatedHeight'>): Float64Array {
  const offsets = new Float64Array(input.count + 1);
  for (let index = 0; index < input.count; index += 1) {
    offsets[index + 1] = (offsets[index] ?? 0) + (input.heightOf(index) ?? input.estimatedHeight);
  }
  return offsets;
}

/** The first row whose bottom edge is below `y` (binary search over the offsets). */
function rowAt(offsets: Float64Array, count: number, y: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle + 1] ?? 0) <= y) low = middle + 1;
    else high = middle;
  }
  return Math.max(0, low);
}

/**
 * Picks the rows intersecting the viewport plus overscan. Pure; rows with unknown height count
 * as `estimatedHeight`, so the window stays stable as measurements arrive.
 */
export function computeWindow(input: WindowInput): VisibleWindow {
  const { count } = input;
  if (count === 0) return { start: 0, end: 0, paddingTop: 0, paddingBottom: 0, totalHeight: 0 };
  const offsets = rowOffsets(input);
  const totalHeight = offsets[count] ?? 0;
  const top = Math.max(0, Math.min(input.scrollTop, totalHeight - input.viewportHeight) - input.overscan);
  const bottom = Math.max(0, input.scrollTop) + input.viewportHeight + input.overscan;
  const start = rowAt(offsets, count, top);
  const end = Math.min(count, rowAt(offsets, count, bottom) + 1);
  const paddingTop = offsets[start] ?? 0;
  return { start, end, paddingTop, paddingBottom: totalHeight - (offsets[end] ?? totalHeight), totalHeight };
}
