/** @jsxRuntime automatic */
import {
  type ReactNode,
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { computeWindow } from './compute-window';

/** Props of {@link VirtualList}. `items` must keep stable references for unchanged rows. */
export interface VirtualListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Accessible name of the scrolling region. */
  label: string;
  estimatedHeight?: number;
  overscan?: number;
  /** Changes when another list is shown (another chat): measurements and scroll restart. */
  resetKey?: string;
  /** Changes when the person adds to the list (sends a message): it follows the newest rows again. */
  followKey?: string;
}

/** A pinned list follows new content; scrolling up unpins it, reaching the bottom pins it again. */
const pinSlack = 24;

interface RowProps {
  rowKey: string;
  item: unknown;
  render: (item: never) => ReactNode;
  observe: (element: HTMLElement) => () => void;
}

/** Re-renders only when its item or the render function changes: streaming touches one row. */
const Row = memo(function Row({ rowKey, item, render, observe }: RowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (ref.current === null ? undefined : observe(ref.current)), [observe]);
  return (
    <div ref={ref} className="virtual-row" data-key={rowKey} role="listitem">
      {(render as (value: unknown) => ReactNode)(item)}
    </div>
  );
});

function useRowHeights(): { heights: Map<string, number>; observe: (element: HTMLElement) => () => void } {
  const heights = useRef(new Map<string, number>()).current;
  const [, remeasured] = useReducer((count: number) => count + 1, 0);
  const observer = useMemo(() => {
    if (typeof ResizeObserver === 'undefined') return null;
    return new ResizeObserver((records) => {
      let changed = false;
      for (const record of records) {
        const key = (record.target as HTMLElement).dataset.key;
        const height = record.borderBoxSize[0]?.blockSize ?? (record.target as HTMLElement).offsetHeight;
        if (key !== undefined && height > 0 && heights.get(key) !== height) {
          heights.set(key, height);
          changed = true;
        }
      }
      if (changed) remeasured();
    });
  }, [heights]);
  const observe = useCallback(
    (element: HTMLElement) => {
      const key = element.dataset.key;
      if (key !== undefined && element.offsetHeight > 0) heights.set(key, element.offsetHeight);
      observer?.observe(element);
      return () => observer?.unobserve(element);
    },
    [heights, observer],
  );
  return { heights, observe };
}

/**
 * A windowed list with measured row heights: only the rows near the viewport are in the DOM,
 * spacers stand in for the rest. Sticks to the bottom while content grows unless the person has
 * scrolled up; a "Jump to latest" button brings them back.
 */
export function VirtualList<T>(props: VirtualListProps<T>): ReactNode {
  const { items, itemKey, renderItem, label, estimatedHeight = 72, overscan = 800 } = props;
  const { resetKey = '', followKey = '' } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { heights, observe } = useRowHeights();
  const [viewport, setViewport] = useState({ scrollTop: 0, height: 800 });
  const pinned = useRef(true);
  const lastScrollTop = useRef(0);
  const [showJump, setShowJump] = useState(false);

  const visible = computeWindow({
    count: items.length,
    heightOf: (index) => {
      const item = items[index];
      return item === undefined ? undefined : heights.get(itemKey(item));
    },
    estimatedHeight,
    scrollTop: viewport.scrollTop,
    viewportHeight: viewport.height,
    overscan,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return undefined;
    const measure = (): void =>
      setViewport((current) =>
        current.height === element.clientHeight || element.clientHeight === 0
          ? current
          : { scrollTop: element.scrollTop, height: element.clientHeight },
      );
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    pinned.current = true;
    setShowJump(false);
  }, [resetKey, followKey]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null || !pinned.current) return;
    const bottom = element.scrollHeight - element.clientHeight;
    if (Math.abs(element.scrollTop - bottom) > 1) element.scrollTop = bottom;
  });

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (element === null) return;
    const { scrollTop, scrollHeight, clientHeight } = element;
    const atBottom = scrollHeight - scrollTop - clientHeight <= pinSlack;
    pinned.current = atBottom || (pinned.current && scrollTop >= lastScrollTop.current);
    lastScrollTop.current = scrollTop;
    setShowJump(!pinned.current);
    setViewport((current) =>
      current.scrollTop === scrollTop && current.height === clientHeight
        ? current
        : { scrollTop, height: clientHeight },
    );
  }, []);

  const jump = useCallback(() => {
    pinned.current = true;
    setShowJump(false);
    const element = scrollRef.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, []);

  const rows: ReactNode[] = [];
  for (let index = visible.start; index < visible.end; index += 1) {
    const item = items[index];
    if (item === undefined) continue;
    const key = itemKey(item);
    rows.push(<Row key={key} rowKey={key} item={item} render={renderItem} observe={observe} />);
  }

  return (
    <div className="virtual-list">
      <div
        ref={scrollRef}
        className="virtual-scroll"
        onScroll={onScroll}
        aria-label={label}
        role="list"
        tabIndex={0}
      >
        <div style={{ height: visible.paddingTop }} aria-hidden="true" />
        {rows}
        <div style={{ height: visible.paddingBottom }} aria-hidden="true" />
      </div>
      {showJump ? (
        <button type="button" className="jump-latest" onClick={jump} aria-label="Jump to latest">
          <span className="codicon codicon-arrow-down" aria-hidden="true" />
        </button>
      ) : null}
    </div>
  );
}
