import type { ModelError, ModelErrorKind } from '../model/model-client';

export interface RetryPolicy {
  /** Retries of one model call before giving up (or falling back). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive overloaded/server failures after which the fallback model is tried. */
  fallbackAfter: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 32_000,
  fallbackAfter: 3,
};

const retryable: ReadonlySet<ModelErrorKind> = new Set(['rate_limit', 'overloaded', 'server', 'connection']);

export function isRetryable(error: ModelError): boolean {
  return retryable.has(error.kind);
}

/**
 * Exponential back-off with up to 25% jitter. A server's `retry-after` wins when it asks for longer;
 * it is still capped so a hostile header cannot park the agent for hours.
 */
export function retryDelayMs(
  attempt: number,
  error: ModelError,
  policy: RetryPolicy,
  random: () => number,
): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempt - 1), policy.maxDelayMs);
  const jittered = exponential * (1 + 0.25 * random());
  const requested = error.retryAfterMs ?? 0;
  return Math.round(Math.min(Math.max(jittered, requested), policy.maxDelayMs * 10));
}
