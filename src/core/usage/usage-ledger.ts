import type { Usage } from '../messages/message';
import { addUsage, emptyUsage } from '../messages/message';
import type { ModelInfo } from '../model/model-client';
import { usageCost } from '../model/model-prices';

/** Tokens and what they cost. `costUsd` is undefined while no counted call had a known price. */
export interface UsageTotals {
  usage: Usage;
  costUsd: number | undefined;
}

/** One model's share of a session: its calls, tokens and cost, and the model as it was described. */
export interface ModelUsage extends UsageTotals {
  model: ModelInfo;
  calls: number;
}

/**
 * The token accounting of one session: every model call's reported usage, by model, priced with
 * the model's table price when it has one. The agent records each call of its loop, and a
 * sub-agent records into its parent's ledger, so the totals are what the session cost. Tokens come
 * from the provider's usage, never from estimates.
 */
export class UsageLedger {
  readonly #models = new Map<string, ModelUsage>();

  /** Counts one model call; `model` is the described model that answered (its price included). */
  record(model: ModelInfo, usage: Usage): void {
    const entry = this.#models.get(model.id) ?? { model, calls: 0, usage: emptyUsage(), costUsd: undefined };
    const cost = model.pricing ? usageCost(usage, model.pricing) : undefined;
    this.#models.set(model.id, {
      model,
      calls: entry.calls + 1,
      usage: addUsage(entry.usage, usage),
      costUsd: cost === undefined ? entry.costUsd : (entry.costUsd ?? 0) + cost,
    });
  }

  /** Every model used so far, in the order of first use. */
  byModel(): ModelUsage[] {
    return [...this.#models.values()];
  }

  /** The session so far, all models together. */
  totals(): UsageTotals {
    let usage = emptyUsage();
    let costUsd: number | undefined;
    for (const entry of this.#models.values()) {
      usage = addUsage(usage, entry.usage);
      if (entry.costUsd !== undefined) costUsd = (costUsd ?? 0) + entry.costUsd;
    }
    return { usage, costUsd };
  }

  /** What was counted since `earlier` (a `totals()` taken before a turn): the turn's own usage. */
  since(earlier: UsageTotals): UsageTotals {
    const now = this.totals();
    const usage: Usage = {
      inputTokens: now.usage.inputTokens - earlier.usage.inputTokens,
      outputTokens: now.usage.outputTokens - earlier.usage.outputTokens,
      cacheReadTokens: now.usage.cacheReadTokens - earlier.usage.cacheReadTokens,
      cacheCreationTokens: now.usage.cacheCreationTokens - earlier.usage.cacheCreationTokens,
    };
    const costUsd = now.costUsd === undefined ? undefined : now.costUsd - (earlier.costUsd ?? 0);
    return { usage, costUsd };
  }
}
