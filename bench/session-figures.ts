/**
 * The figures of one session's model requests, read from the usage the scripted server reported:
 * cost in uncached-token equivalents, the cache-read share, and how much of each request was paid
 * in full compared with what that request added.
 */
import type { RecordedRequest } from '../test/support/scripted-turn';

/** Anthropic's multipliers of the input price: a 5-minute cache write, a cache read. */
const writeWeight = 1.25;
const readWeight = 0.1;

/** What one session cost; token counts are the server's (characters ÷ 4). */
export interface SessionFigures {
  requests: number;
  /** Plain input + 1.25 × cache writes + 0.1 × cache reads, over every request. */
  cost: number;
  /** Cache reads ÷ all input tokens. */
  readShare: number;
  /** The most input any request after the first paid in full (plain input + cache writes). */
  largestUncached: number;
  /**
   * Over the requests after the first: the largest ratio of what a request paid in full to what it
   * added to the one before it. At most 1 when only the newest turn is ever paid in full.
   */
  worstUncachedPerNewTurn: number;
  /** Total input tokens of each request, in order. */
  totals: number[];
}

/** Figures of the requests that carry usage (answered model requests), in the order they came. */
export function sessionFigures(requests: readonly RecordedRequest[]): SessionFigures {
  const usages = requests.flatMap((request) => (request.usage ? [request.usage] : []));
  const totals = usages.map(
    (usage) => usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens,
  );
  const uncached = usages.map((usage) => usage.input_tokens + usage.cache_creation_input_tokens);
  let cost = 0;
  let reads = 0;
  for (const usage of usages) {
    cost +=
      usage.input_tokens +
      writeWeight * usage.cache_creation_input_tokens +
      readWeight * usage.cache_read_input_tokens;
    reads += usage.cache_read_input_tokens;
  }
  let worst = 0;
  for (let index = 1; index < usages.length; index += 1) {
    const added = Math.max(1, totals[index]! - totals[index - 1]!);
    worst = Math.max(worst, uncached[index]! / added);
  }
  const all = totals.reduce((sum, total) => sum + total, 0);
  return {
    requests: usages.length,
    cost: Math.round(cost),
    readShare: all === 0 ? 0 : reads / all,
    largestUncached: Math.max(0, ...uncached.slice(1)),
    worstUncachedPerNewTurn: worst,
    totals,
  };
}

/** One request of a compaction: its input, what it paid in full, its cost in uncached-token equivalents. */
export interface RequestFigures {
  total: number;
  uncached: number;
  cost: number;
}

/** The first compaction of a session: the summary request and the two requests after it. */
export interface CompactionFigures {
  compactions: number;
  /** Index (0-based) of the summary request among the session's requests. */
  at: number;
  summary: RequestFigures;
  next: RequestFigures | undefined;
  after: RequestFigures | undefined;
}

/** The figures of the first compaction; undefined when the session never asked for a summary. */
export function compactionFigures(
  requests: readonly RecordedRequest[],
  summaries: readonly number[],
): CompactionFigures | undefined {
  const at = summaries[0];
  if (at === undefined) return undefined;
  const figuresAt = (index: number): RequestFigures | undefined => {
    const usage = requests[index]?.usage;
    if (!usage) return undefined;
    const uncached = usage.input_tokens + usage.cache_creation_input_tokens;
    return {
      total: uncached + usage.cache_read_input_tokens,
      uncached,
      cost: Math.round(
        usage.input_tokens +
          writeWeight * usage.cache_creation_input_tokens +
          readWeight * usage.cache_read_input_tokens,
      ),
    };
  };
  return {
    compactions: summaries.length,
    at,
    summary: figuresAt(at)!,
    next: figuresAt(at + 1),
    after: figuresAt(at + 2),
  };
}

/** A token count with thousands separators, or `n/a`. */
export function formatTokens(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}
