/**
 * A rough token count: characters ÷ 4, rounded up. Good enough for budgets and benchmarks; use the
 * provider's usage figures when exact numbers matter.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
