import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import { createMarkdownParser } from '../markdown/create-markdown-parser';
import type { PositionedBlock } from '../markdown/parse-markdown';

/**
 * One row of the windowed list. Long assistant answers are cut into segments at markdown block
 * boundaries, so a 20,000-token answer is many rows, of which only the visible ones are in the
 * page, and streaming touches only the last one.
 */
export interface ConversationRow {
  key: string;
  entry: ConversationEntry;
  segment?: { text: string; first: boolean; last: boolean };
}

/** Rows and parsers kept between calls so unchanged rows keep their identity (memoised rendering). */
export interface RowCache {
  rows: Map<string, ConversationRow>;
  parsers: Map<string, (markdown: string) => PositionedBlock[]>;
}

/** Answers shorter than this stay one row. */
export const segmentThreshold = 6000;
/** A segment closes at the first block boundary past this many characters. */
export const segmentTarget = 3000;

/** An empty cache. */
export function createRowCache(): RowCache {
  return { rows: new Map(), parsers: new Map() };
}

/** A copy sharing no memory with the (large) answer it was sliced from. */
function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function segmentStarts(blocks: readonly PositionedBlock[]): number[] {
  const starts = [0];
  for (const block of blocks) {
    const start = starts[starts.length - 1] ?? 0;
    if (block.offset - start >= segmentTarget) starts.push(block.offset);
  }
  return starts;
}

function segmentRows(
  entry: Extract<ConversationEntry, { kind: 'assistant' }>,
  cache: RowCache,
  next: RowCache,
): ConversationRow[] {
  const parse = cache.parsers.get(entry.id) ?? createMarkdownParser();
  next.parsers.set(entry.id, parse);
  const starts = segmentStarts(parse(entry.text));
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? entry.text.length;
    const key = `assistant:${entry.id}#${index}`;
    const last = index === starts.length - 1;
    const previous = cache.rows.get(key);
    const text = entry.text.slice(start, end);
    if (previous?.segment?.text === text && previous.segment.last === last) return previous;
    return { key, entry, segment: { text: last ? text : detachedCopy(text), first: index === 0, last } };
  });
}

/**
 * Turns a chat's entries into list rows, reusing the cached row object whenever its content is
 * unchanged. Replaces the cache's contents with what this call used (old rows are dropped).
 */
export function toConversationRows(
  entries: readonly ConversationEntry[],
  cache: RowCache,
): ConversationRow[] {
  const next = createRowCache();
  const rows: ConversationRow[] = [];
  for (const entry of entries) {
    if (entry.kind === 'assistant' && entry.text.length > segmentThreshold) {
      for (const row of segmentRows(entry, cache, next)) {
        next.rows.set(row.key, row);
        rows.push(row);
      }
      continue;
    }
    const key = `${entry.kind}:${entry.id}`;
    const previous = cache.rows.get(key);
    const row = previous !== undefined && previous.entry === entry ? previous : { key, entry };
    next.rows.set(key, row);
    rows.push(row);
  }
  cache.rows = next.rows;
  cache.parsers = next.parsers;
  return rows;
}
