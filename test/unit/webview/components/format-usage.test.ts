import { strict as assert } from 'node:assert';
import {
  cacheSharePercent,
  formatDuration,
  formatTokens,
  formatUsage,
  usageBreakdown,
} from '../../../../webview-ui/src/components/format-usage';

describe('turn usage line', () => {
  it('shows prompt tokens with the share read from cache, output tokens and cost', () => {
    const usage = {
      inputTokens: 1_000,
      outputTokens: 1_234,
      cacheReadTokens: 8_700,
      cacheCreationTokens: 300,
    };
    assert.equal(cacheSharePercent(usage), 87);
    assert.equal(formatUsage({ usage, costUsd: 0.01234 }), '10k in (87% cached) · 1.2k out · $0.0123');
  });

  it('gives every kind of token and the exact cost in the tooltip, cache writes included', () => {
    const usage = {
      inputTokens: 1_000,
      outputTokens: 1_234,
      cacheReadTokens: 8_700,
      cacheCreationTokens: 300,
    };
    assert.equal(
      usageBreakdown({ usage, costUsd: 0.01234 }),
      '1,000 input · 8,700 read from cache · 300 written to cache · 1,234 output · $0.012340',
    );
  });

  it('shows 0% cached and no cost when there is none', () => {
    const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
    assert.equal(formatUsage({ usage, costUsd: undefined }), '0 in (0% cached) · 0 out');
  });

  const tokens: [number, string][] = [
    [950, '950'],
    [1_250, '1.3k'],
    [12_345, '12k'],
    [2_500_000, '2.5M'],
  ];
  for (const [count, text] of tokens)
    it(`writes ${count} tokens as ${text}`, () => assert.equal(formatTokens(count), text));

  const durations: [number, string][] = [
    [850, '850 ms'],
    [2_400, '2.4 s'],
    [65_000, '1 m 05 s'],
  ];
  for (const [ms, text] of durations)
    it(`writes ${ms} ms as ${text}`, () => assert.equal(formatDuration(ms), text));
});
