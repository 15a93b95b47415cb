import type { ConversationEntryOf, TurnUsage } from '../../../src/protocol/conversation-entry';

/** Milliseconds as people read them: 850 ms, 2.4 s, 1 m 05 s. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Token counts in short form: 950, 12.3k, 1.2M. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** Share of the prompt served from the cache, 0–100. Input here excludes cache reads and writes, as providers report it. */
export function cacheSharePercent(usage: TurnUsage): number {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  return prompt === 0 ? 0 : Math.round((usage.cacheReadTokens / prompt) * 100);
}

/** The one-line summary under a turn: "12.3k in (87% cached) · 1.2k out · $0.0123". */
export function formatUsage(entry: Pick<ConversationEntryOf<'usage'>, 'usage' | 'costUsd'>): string {
  const { usage } = entry;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  const parts = [
    `${formatTokens(prompt)} in (${cacheSharePercent(usage)}% cached)`,
    `${formatTokens(usage.outputTokens)} out`,
  ];
  if (entry.costUsd !== undefined) parts.push(`$${entry.costUsd.toFixed(entry.costUsd < 1 ? 4 : 2)}`);
  return parts.join(' · ');
}

/**
 * Every kind of token of a turn, exactly, for the line's tooltip: "1,000 input · 8,700 read from
 * cache · 300 written to cache · 1,234 output · $0.012340". The cache writes are what a later turn
 * reads at a tenth of the price.
 */
export function usageBreakdown(entry: Pick<ConversationEntryOf<'usage'>, 'usage' | 'costUsd'>): string {
  const { usage } = entry;
  const count = (value: number) => value.toLocaleString('en-US');
  const parts = [
    `${count(usage.inputTokens)} input`,
    `${count(usage.cacheReadTokens)} read from cache`,
    `${count(usage.cacheCreationTokens)} written to cache`,
    `${count(usage.outputTokens)} output`,
  ];
  if (entry.costUsd !== undefined) parts.push(`$${entry.costUsd.toFixed(6)}`);
  return parts.join(' · ');
}
