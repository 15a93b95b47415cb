import type { ModelError, ModelErrorKind } from '../../core/model/model-client';

/**
 * Milliseconds to wait from `retry-after-ms`, or `retry-after` as seconds or an HTTP date.
 * Undefined when absent or unreadable; never negative. `now` is injectable for tests.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const millis = headers?.get('retry-after-ms');
  if (millis) {
    const value = Number(millis);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers?.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(header)) return Math.round(Number(header) * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What the HTTP status alone says; 400 needs the body to tell `prompt_too_long` apart. */
export function kindForStatus(status: number): ModelErrorKind {
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status === 413) return 'prompt_too_long';
  if (status === 401 || status === 403) return 'authentication';
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid_request';
  return 'unknown';
}

/** The `error` event for a cancelled request. */
export function abortedError(): ModelError {
  return { kind: 'aborted', message: 'The request was cancelled.' };
}

/**
 * A failure of the response body after the headers arrived: the socket was reset or closed. The
 * SDKs surface these as plain fetch errors (`TypeError: terminated`), not as their own classes.
 */
export function streamBrokenError(error: unknown): ModelError {
  const detail = error instanceof Error ? describeCause(error) : String(error);
  return { kind: 'connection', message: `The connection to the model broke mid-stream: ${detail}` };
}

/** The stream ended cleanly but before the message did (a proxy or server cut it short). */
export function streamEndedEarlyError(): ModelError {
  return { kind: 'connection', message: 'The model stream ended before the message was complete.' };
}

/** An error we did not expect, kept as `unknown` so the loop does not retry it blindly. */
export function unknownError(error: unknown): ModelError {
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

function describeCause(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message) return `${error.message} (${cause.message})`;
  return error.message;
}
