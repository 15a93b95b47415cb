import type { Usage } from '../messages/message';

/** USD per million tokens, by kind of token. */
export interface ModelPricing {
  input: number;
  output: number;
  /** A cache hit. */
  cacheRead: number;
  /** A cache write with the 5-minute lifetime, the only one Tandem asks for. */
  cacheWrite: number;
}

/** Anthropic bills a cache read at a tenth of the input price and a 5-minute write at 1.25×. */
const claude = (input: number, output: number): ModelPricing => ({
  input,
  output,
  cacheRead: input / 10,
  cacheWrite: input * 1.25,
});

/** OpenAI caches by itself and bills no write: a write costs the plain input price. */
const openai = (input: number, output: number, cacheRead: number): ModelPricing => ({
  input,
  output,
  cacheRead,
  cacheWrite: input,
});

/**
 * The one price table: list prices by model family, matched against the id without any `vendor/`
 * prefix, lower-cased; first match wins, so the more specific ids (mini, nano, newer minor
 * versions) come first. A model it does not know has no price (a local model), unless the person
 * declares one.
 */
const prices: readonly { pattern: RegExp; pricing: ModelPricing }[] = [
  // Fifth-generation tiers are priced like the 4.5 generation until the table learns better.
  { pattern: /^claude-opus-5/, pricing: claude(5, 25) },
  { pattern: /^claude-sonnet-5/, pricing: claude(3, 15) },
  { pattern: /^claude-haiku-5/, pricing: claude(1, 5) },
  { pattern: /^claude-opus-4-(?:[5-9]|\d\d)/, pricing: claude(5, 25) },
  { pattern: /^claude-opus-4/, pricing: claude(15, 75) },
  { pattern: /^claude-sonnet-4/, pricing: claude(3, 15) },
  { pattern: /^claude-haiku-4/, pricing: claude(1, 5) },
  { pattern: /^claude-3-5-haiku/, pricing: claude(0.8, 4) },
  { pattern: /^claude-3-[57]-sonnet/, pricing: claude(3, 15) },
  { pattern: /^gpt-5(?:\.\d+)?-nano/, pricing: openai(0.05, 0.4, 0.005) },
  { pattern: /^gpt-5(?:\.\d+)?-mini/, pricing: openai(0.25, 2, 0.025) },
  { pattern: /^gpt-5/, pricing: openai(1.25, 10, 0.125) },
  { pattern: /^gpt-4\.1-nano/, pricing: openai(0.1, 0.4, 0.025) },
  { pattern: /^gpt-4\.1-mini/, pricing: openai(0.4, 1.6, 0.1) },
  { pattern: /^gpt-4\.1/, pricing: openai(2, 8, 0.5) },
  { pattern: /^gpt-4o-mini/, pricing: openai(0.15, 0.6, 0.075) },
  { pattern: /^gpt-4o/, pricing: openai(2.5, 10, 1.25) },
  { pattern: /^o4-mini/, pricing: openai(1.1, 4.4, 0.275) },
  { pattern: /^o3-mini/, pricing: openai(1.1, 4.4, 0.55) },
  { pattern: /^o3/, pricing: openai(2, 8, 0.5) },
];

/** The list price of a model id (a `vendor/` prefix is ignored), or undefined for one the table lacks. */
export function listPrice(modelId: string): ModelPricing | undefined {
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  const found = prices.find((entry) => entry.pattern.test(bare));
  return found ? { ...found.pricing } : undefined;
}

/** What `usage` costs at `pricing`, in USD. Pure. */
export function usageCost(usage: Usage, pricing: ModelPricing): number {
  return (
    (usage.inputTokens * pricing.input +
      usage.outputTokens * pricing.output +
      usage.cacheReadTokens * pricing.cacheRead +
      usage.cacheCreationTokens * pricing.cacheWrite) /
    1_000_000
  );
}
