import type { ModelError, ModelErrorKind } from '../model/model-client';

/** How the loop retries a failed model call. All durations in milliseconds. */
export interface RetryPolicy {
  /** Retries of one model call before giving up (or falling back); counted anew after a success. */
  maxRetries: number;
  /** The first back-off step; each further attempt of the same call doubles it. */
  baseDelayMs: number;
  /** The largest back-off step, before jitter. */
  maxDelayMs: number;
  /** The longest `retry-after` obeyed; a longer one (a broken or hostile header) is cut to this. */
  maxRetryAfterMs: number;
  /** Consecutive overloaded/server failures after which the fallback model is tried. */
  fallbackAfter: number;
}

/**
 * 250 ms doubling to 32 s: eight retries span about a minute, the window of a per-minute rate
 * limit, and a passing overload costs a quarter of a second instead of half a one.
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 8,
  baseDelayMs: 250,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 60_000,
  fallbackAfter: 3,
};

const retryable: ReadonlySet<ModelErrorKind> = new Set(['rate_limit', 'overloaded', 'server', 'connection']);

/** Whether the loop retries this failure at all: rate limits, overloads, 5xx and broken connections. */
export function isRetryable(error: ModelError): boolean {
  return retryable.has(error.kind);
}

/**
 * The wait before retry number `attempt` (1 for the first retry of a call) of a retryable error.
 *
 * - A server's `retry-after` (or `retry-after-ms`) is obeyed exactly, 0 included, capped at
 *   `maxRetryAfterMs`: the server knows when it will take the call, and waiting longer than it
 *   asked is time nobody wanted.
 * - A broken connection (reset, refused, cut mid-stream) that is the call's first failure is retried
 *   at once — it is usually one bad socket — and backs off like the rest after that.
 * - Otherwise exponential from `baseDelayMs`, doubled per attempt up to `maxDelayMs`, with equal
 *   jitter (between half and all of the step, from `random` in [0, 1)) so clients that failed
 *   together do not come back together.
 */
export function retryDelayMs(
  attempt: number,
  error: ModelError,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (error.retryAfterMs !== undefined)
    return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  const step = error.kind === 'connection' ? attempt - 1 : attempt;
  if (step < 1) return 0;
  const exponential = Math.min(policy.baseDelayMs * 2 ** (step - 1), policy.maxDelayMs);
  return Math.round(exponential * (0.5 + 0.5 * random()));
}
