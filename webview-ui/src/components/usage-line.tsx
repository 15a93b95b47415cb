/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntryOf, TurnUsage } from '../../../src/protocol/conversation-entry';

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

const reasons: Record<ConversationEntryOf<'usage'>['terminalReason'], string> = {
  completed: '',
  aborted: 'Stopped',
  max_turns: 'Stopped: turn limit reached',
  prompt_too_long: 'Stopped: conversation too long',
  model_error: 'Stopped: model error',
};

/** Tokens and cost of one turn, and why it ended when it did not complete. */
export function UsageLine({ entry }: { entry: ConversationEntryOf<'usage'> }): ReactNode {
  const reason = reasons[entry.terminalReason];
  return (
    <div className="usage-line">
      {reason === '' ? null : <span className="usage-reason">{reason}</span>}
      <span className="codicon codicon-pulse" aria-hidden="true" />
      <span>{formatUsage(entry)}</span>
    </div>
  );
}
