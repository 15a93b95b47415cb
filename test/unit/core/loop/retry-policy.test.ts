import { strict as assert } from 'node:assert';
import type { ModelError } from '../../../../src/core/model/model-client';
import { defaultRetryPolicy, isRetryable, retryDelayMs } from '../../../../src/core/loop/retry-policy';
import type { RetryPolicy } from '../../../../src/core/loop/retry-policy';

const policy: RetryPolicy = {
  maxRetries: 8,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
  fallbackAfter: 3,
};
const overloaded: ModelError = { kind: 'overloaded', message: '529' };
const server: ModelError = { kind: 'server', message: '500' };
const reset: ModelError = { kind: 'connection', message: 'socket hang up' };
const rateLimited = (retryAfterMs?: number): ModelError => ({
  kind: 'rate_limit',
  message: '429',
  retryAfterMs,
});

/** The delays of attempts 1…n of one call, with `random` fixed. */
const schedule = (error: ModelError, attempts: number, random: number): number[] =>
  Array.from({ length: attempts }, (_, index) => retryDelayMs(index + 1, error, policy, () => random));

describe('retryDelayMs', () => {
  const obeyed: { why: string; error: ModelError; attempt: number; expected: number }[] = [
    { why: 'retry-after: 0 means at once', error: rateLimited(0), attempt: 1, expected: 0 },
    { why: 'retry-after: 0 stays 0 late in a call', error: rateLimited(0), attempt: 6, expected: 0 },
    {
      why: 'a short retry-after is not raised to the back-off',
      error: rateLimited(30),
      attempt: 4,
      expected: 30,
    },
    { why: 'a long retry-after is kept as asked', error: rateLimited(4_200), attempt: 1, expected: 4_200 },
    { why: 'a hostile retry-after is capped', error: rateLimited(36_000_000), attempt: 1, expected: 5_000 },
    {
      why: 'a 503 with retry-after obeys it too',
      error: { ...server, status: 503, retryAfterMs: 1_000 },
      attempt: 2,
      expected: 1_000,
    },
  ];
  for (const { why, error, attempt, expected } of obeyed) {
    it(`obeys retry-after exactly: ${why}`, () => {
      for (const random of [0, 0.5, 0.999])
        assert.equal(
          retryDelayMs(attempt, error, policy, () => random),
          expected,
        );
    });
  }

  it('retries a broken connection at once the first time, then backs off from the base', () => {
    assert.deepEqual(schedule(reset, 4, 0.999), [0, 100, 200, 400]);
    assert.deepEqual(schedule(reset, 4, 0), [0, 50, 100, 200]);
  });

  it('doubles from the base for overloads and server errors, up to the ceiling', () => {
    for (const error of [overloaded, server, rateLimited()])
      assert.deepEqual(schedule(error, 6, 0.999), [100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters each step between half and all of it', () => {
    assert.deepEqual(schedule(overloaded, 3, 0), [50, 100, 200]);
    assert.deepEqual(schedule(overloaded, 3, 0.5), [75, 150, 300]);
  });

  it('starts the default schedule small: a quarter second for the first overload', () => {
    const first = (random: number) => retryDelayMs(1, overloaded, defaultRetryPolicy, () => random);
    assert.equal(first(0.999), 250);
    assert.equal(first(0), 125);
    assert.equal(
      retryDelayMs(1, reset, defaultRetryPolicy, () => 0.5),
      0,
    );
  });
});

describe('isRetryable', () => {
  const table: [ModelError['kind'], boolean][] = [
    ['rate_limit', true],
    ['overloaded', true],
    ['server', true],
    ['connection', true],
    ['prompt_too_long', false],
    ['authentication', false],
    ['invalid_request', false],
    ['aborted', false],
    ['unknown', false],
  ];
  for (const [kind, expected] of table) {
    it(`${expected ? 'retries' : 'does not retry'} ${kind}`, () => {
      assert.equal(isRetryable({ kind, message: kind }), expected);
    });
  }
});
