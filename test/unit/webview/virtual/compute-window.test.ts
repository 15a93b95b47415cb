import { strict as assert } from 'node:assert';
import { computeWindow, rowOffsets } from '../../../../webview-ui/src/virtual/compute-window';

const base = { count: 2000, estimatedHeight: 50, viewportHeight: 600, overscan: 0 };

describe('computeWindow', () => {
  it('renders only the rows in view of a 2,000-row conversation', () => {
    const window = computeWindow({ ...base, heightOf: () => undefined, scrollTop: 50_000 });
    assert.deepEqual(window, {
      start: 1000,
      end: 1013,
      paddingTop: 50_000,
      paddingBottom: 49_350,
      totalHeight: 100_000,
    });
  });

  it('shows the last rows when scrolled to the bottom', () => {
    const window = computeWindow({ ...base, heightOf: () => undefined, scrollTop: 100_000 - 600 });
    assert.equal(window.end, 2000);
    assert.equal(window.start, 1988);
    assert.equal(window.paddingBottom, 0);
  });

  it('uses measured heights where known and the estimate elsewhere', () => {
    const heights = new Map([
      [0, 500],
      [1, 20],
    ]);
    const window = computeWindow({
      ...base,
      heightOf: (index) => heights.get(index),
      scrollTop: 510,
      overscan: 0,
    });
    assert.equal(window.start, 1);
    assert.equal(window.paddingTop, 500);
    assert.equal(window.totalHeight, 500 + 20 + 1998 * 50);
  });

  it('adds overscan above and below, clamped to the list', () => {
    const window = computeWindow({ ...base, heightOf: () => undefined, scrollTop: 0, overscan: 200 });
    assert.equal(window.start, 0);
    assert.equal(window.end, 17);
  });

  it('handles an empty list and a list shorter than the viewport', () => {
    assert.deepEqual(computeWindow({ ...base, count: 0, heightOf: () => 10, scrollTop: 0 }), {
      start: 0,
      end: 0,
      paddingTop: 0,
      paddingBottom: 0,
      totalHeight: 0,
    });
    const short = computeWindow({ ...base, count: 3, heightOf: () => 10, scrollTop: 0 });
    assert.deepEqual([short.start, short.end, short.totalHeight], [0, 3, 30]);
  });

  it('reads each row height once per window, so a frame costs one pass over 2,000 rows', () => {
    const heights = Float64Array.from({ length: 2000 }, (_, index) => 40 + (index % 7) * 10);
    let reads = 0;
    for (let frame = 0; frame < 60; frame += 1) {
      const heightOf = (index: number) => {
        reads += 1;
        return heights[index];
      };
      computeWindow({ ...base, heightOf, scrollTop: frame * 100, overscan: 800 });
    }
    assert.equal(reads, 60 * 2000);
    assert.equal(rowOffsets({ count: 3, heightOf: () => 2, estimatedHeight: 5 })[3], 6);
  });
});
