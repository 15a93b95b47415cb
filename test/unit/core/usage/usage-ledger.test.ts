import { strict as assert } from 'node:assert';
import { describeModel } from '../../../../src/core/model/model-catalog';
import { UsageLedger } from '../../../../src/core/usage/usage-ledger';

const sonnet = describeModel('claude-sonnet-4-6', { provider: 'anthropic' });
const local = describeModel('qwen2.5-coder:32b', { provider: 'openai' });
const usage = (input: number, output: number, read = 0, write = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: read,
  cacheCreationTokens: write,
});

describe('UsageLedger', () => {
  it('prices each kind of token at its own rate: $3 in, $15 out, $0.30 read, $3.75 written per million', () => {
    const ledger = new UsageLedger();
    ledger.record(sonnet, usage(1_000_000, 100_000, 2_000_000, 400_000));
    assert.equal(ledger.totals().costUsd, 3 + 1.5 + 0.6 + 1.5);
  });

  it('keeps models apart and leaves a model without a price unpriced, not free', () => {
    const ledger = new UsageLedger();
    ledger.record(local, usage(500, 50));
    assert.equal(ledger.totals().costUsd, undefined);
    ledger.record(sonnet, usage(1_000_000, 0));
    ledger.record(sonnet, usage(1_000_000, 0));
    const byModel = ledger.byModel();
    assert.deepEqual(
      byModel.map((entry) => [entry.model.id, entry.calls, entry.costUsd]),
      [
        ['qwen2.5-coder:32b', 1, undefined],
        ['claude-sonnet-4-6', 2, 6],
      ],
    );
    assert.deepEqual(ledger.totals(), { usage: usage(2_000_500, 50), costUsd: 6 });
  });

  it("gives a turn's own usage and cost since a mark", () => {
    const ledger = new UsageLedger();
    ledger.record(sonnet, usage(1_000_000, 0));
    const before = ledger.totals();
    ledger.record(sonnet, usage(10, 20, 300, 40));
    const turn = ledger.since(before);
    assert.deepEqual(turn.usage, usage(10, 20, 300, 40));
    assert.ok(Math.abs(turn.costUsd! - (10 * 3 + 20 * 15 + 300 * 0.3 + 40 * 3.75) / 1e6) < 1e-15);
  });
});
