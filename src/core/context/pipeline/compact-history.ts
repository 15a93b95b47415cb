import type { SummaryCost } from '../../loop/loop-event';
import type { Message } from '../../messages/message';
import type { CompactTrigger, Compactor, SummaryPrefix } from '../compactor';
import { keptTailStart } from './auto-compact';
import type { CompactionRecord } from './context-ledger';
import type { ContextView } from './context-view';

/** What a compaction needs: the view to summarise and where it stands in the history. */
export interface CompactHistoryRequest {
  compactor: Compactor;
  view: ContextView;
  /** The history's length now: the summary covers all of it. */
  historyLength: number;
  prefix: SummaryPrefix;
  trigger: CompactTrigger;
  contextTokens: number;
  instructions?: string;
  signal: AbortSignal;
  /** The newest turns kept verbatim after the summary hold at most this many tokens. */
  keepTokens: number;
  /** Characters the re-attached state may take. */
  attachmentChars: number;
  estimate(message: Message): number;
  attachments?: CompactionAttachments;
}

/**
 * What to re-attach after a summary (the todo list, recent files, the plan, pending reviews), from
 * the conversation it covers and the turns it keeps, within `budgetChars`. Must not throw.
 */
export type CompactionAttachments = (request: {
  messages: readonly Message[];
  kept: readonly Message[];
  budgetChars: number;
  signal: AbortSignal;
}) => Promise<string[]>;

/** A compaction's record and what its call cost, or why there is none. */
export type CompactHistoryOutcome =
  { ok: true; record: CompactionRecord; cost: SummaryCost | undefined } | { ok: false; reason: string };

/**
 * The one compaction step, shared by auto-compaction, reactive compaction and `/compact`: the
 * summary call, then the newest turns to keep verbatim and what to re-attach. Returns the record;
 * installing it in the ledger is the caller's. The history is not touched. Never throws.
 */
export async function compactHistory(request: CompactHistoryRequest): Promise<CompactHistoryOutcome> {
  const outcome = await request.compactor({
    messages: request.view.messages,
    prefix: request.prefix,
    trigger: request.trigger,
    contextTokens: request.contextTokens,
    ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
    signal: request.signal,
  });
  if (!outcome.ok) return outcome;
  const start = keptTailStart(request.view, { keepTokens: request.keepTokens, estimate: request.estimate });
  const kept = request.view.messages.slice(start);
  const keepFrom =
    start < request.view.messages.length ? request.view.origins[start]! : request.historyLength;
  const attachments = request.attachments
    ? await request.attachments({
        messages: request.view.messages,
        kept,
        budgetChars: request.attachmentChars,
        signal: request.signal,
      })
    : [];
  return {
    ok: true,
    cost: costOf(outcome),
    record: {
      through: request.historyLength,
      keepFrom,
      summary: outcome.summary,
      attachments,
      trigger: request.trigger,
      contextTokens: request.contextTokens,
    },
  };
}

/** What a summary call cost, when the outcome says. */
export function costOf(outcome: { model?: string; usage?: SummaryCost['usage'] }): SummaryCost | undefined {
  return outcome.model !== undefined && outcome.usage !== undefined
    ? { model: outcome.model, usage: outcome.usage }
    : undefined;
}
