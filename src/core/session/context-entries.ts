import type { ContextLedger } from '../context/pipeline/context-ledger';
import { withCollapse, withCompaction } from '../context/pipeline/context-ledger';
import type { LoopEvent } from '../loop/loop-event';
import type { TranscriptEntry } from './transcript-entry';

/** A transcript entry of the context pipeline. */
export type ContextEntry = Extract<TranscriptEntry, { type: 'compaction' | 'collapse' }>;

/**
 * The ledger after one compaction or collapse entry, read where it stands: `messageCount` is how
 * many messages the transcript held before it, which is what a compaction covers. An entry that
 * does not fit the messages before it (a hand-edited file) is ignored. Pure.
 */
export function replayContextEntry(
  ledger: ContextLedger,
  entry: ContextEntry,
  messageCount: number,
): ContextLedger {
  if (entry.type === 'collapse') {
    if (entry.to > messageCount) return ledger;
    return withCollapse(ledger, { from: entry.from, to: entry.to, summary: entry.summary });
  }
  if (entry.kept > messageCount) return ledger;
  return withCompaction(ledger, {
    through: messageCount,
    keepFrom: messageCount - entry.kept,
    summary: entry.summary,
    attachments: entry.attachments,
    trigger: entry.trigger,
    contextTokens: entry.contextTokens,
  });
}

/**
 * The transcript entry that records a compaction or collapse event, written where it happened (so
 * replay knows what it covers); undefined for any other event. Pure.
 */
export function contextEntryOf(event: LoopEvent, timestamp: number): ContextEntry | undefined {
  if (event.type === 'context-compact') {
    const { record } = event;
    return {
      type: 'compaction',
      kept: record.through - record.keepFrom,
      summary: record.summary,
      attachments: [...record.attachments],
      trigger: record.trigger,
      contextTokens: record.contextTokens,
      timestamp,
    };
  }
  if (event.type === 'context-collapse') {
    const { from, to, summary } = event.record;
    return { type: 'collapse', from, to, summary, timestamp };
  }
  return undefined;
}
