import { strict as assert } from 'node:assert';
import type { ModelErrorKind } from '../../../../src/core/model/model-client';
import { kindForStatus, retryAfterMs } from '../../../../src/node/providers/provider-errors';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T03:00:00Z');
  const cases: { headers: Record<string, string>; expected: number | undefined; why: string }[] = [
    { headers: { 'retry-after': '7' }, expected: 7000, why: 'whole seconds' },
    { headers: { 'retry-after': '0.5' }, expected: 500, why: 'fractional seconds' },
    { headers: { 'retry-after': 'Tue, 24 Nov 2026 03:00:30 GMT' }, expected: 30_000, why: 'an HTTP date' },
    { headers: { 'retry-after': 'Tue, 24 Nov 2026 02:59:00 GMT' }, expected: 0, why: 'a date in the past' },
    {
      headers: { 'retry-after-ms': '1500', 'retry-after': '9' },
      expected: 1500,
      why: 'retry-after-ms first',
    },
    { headers: { 'retry-after': 'soon' }, expected: undefined, why: 'an unreadable value' },
    { headers: {}, expected: undefined, why: 'no header' },
  ];
  for (const { headers, expected, why } of cases) {
    it(`waits ${String(expected)} ms for ${why}`, () => {
      assert.equal(retryAfterMs(new Headers(headers), now), expected);
    });
  }

  it('has nothing to say without headers', () => {
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});

describe('kindForStatus', () => {
  const table: [number, ModelErrorKind][] = [
    [429, 'rate_limit'],
    [529, 'overloaded'],
    [413, 'prompt_too_long'],
    [401, 'authentication'],
    [403, 'authentication'],
    [400, 'invalid_request'],
    [404, 'invalid_request'],
    [500, 'server'],
    [502, 'server'],
  ];
  for (const [status, kind] of table) {
    it(`treats HTTP ${status} as ${kind}`, () => assert.equal(kindForStatus(status), kind));
  }
});
