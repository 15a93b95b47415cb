import type { UserMessage } from '../../messages/message';
import type { CompactTrigger } from '../compactor';

/**
 * What the pipeline decided about the history and must keep: the latest compaction and the
 * collapsed spans. The history itself is never rewritten; a request is built by projecting the
 * history through the ledger ({@link projectContext}), so the panel, checkpoints and resume still
 * see every message. Indices are into the history. Recorded in the transcript as entries of
 * their own and replayed on resume, so a resumed session sends the same compacted view.
 */
export interface ContextLedger {
  readonly compaction: CompactionRecord | undefined;
  /** Sorted by `from`, not overlapping, all at or after the compaction's `keepFrom`. */
  readonly collapses: readonly CollapseRecord[];
}

/** A summary standing for `history[0, through)`; `history[keepFrom, through)` is also still sent as it was. */
export interface CompactionRecord {
  /** The messages the summary covers: the history's length when it was written. */
  through: number;
  /** The first message sent verbatim after the summary: recent turns it covers but keeps, until snip drops them. */
  keepFrom: number;
  summary: string;
  /** What was re-attached after the summary: the todo list, recently read files, the plan, pending reviews. */
  attachments: readonly string[];
  trigger: CompactTrigger;
  /** The context's size when compaction was decided, in tokens. */
  contextTokens: number;
}

/** A summary sent instead of `history[from, to)`. */
export interface CollapseRecord {
  from: number;
  to: number;
  summary: string;
}

/** A ledger with nothing in it: every message is sent as it is. */
export const emptyLedger: ContextLedger = { compaction: undefined, collapses: [] };

/** The ledger after a compaction: collapses it already covers (before what it keeps) are gone. Pure. */
export function withCompaction(ledger: ContextLedger, record: CompactionRecord): ContextLedger {
  return { compaction: record, collapses: ledger.collapses.filter((span) => span.from >= record.keepFrom) };
}

/**
 * The ledger with one more collapsed span; a span that overlaps one already there, or lies before
 * the compaction's kept messages, is refused (the ledger is returned unchanged). Pure.
 */
export function withCollapse(ledger: ContextLedger, record: CollapseRecord): ContextLedger {
  const start = ledger.compaction?.keepFrom ?? 0;
  const overlaps = ledger.collapses.some((span) => span.from < record.to && record.from < span.to);
  if (record.from < start || record.to <= record.from || overlaps) return ledger;
  const collapses = [...ledger.collapses, record].sort((a, b) => a.from - b.from);
  return { ...ledger, collapses };
}

/**
 * The ledger for a history cut to its first `length` messages (a rewind, or a dropped trailing
 * call): what reaches past the cut is forgotten. Pure.
 */
export function truncateLedger(ledger: ContextLedger, length: number): ContextLedger {
  const compaction = ledger.compaction && ledger.compaction.through <= length ? ledger.compaction : undefined;
  const start = compaction?.keepFrom ?? 0;
  const collapses = ledger.collapses.filter((span) => span.to <= length && span.from >= start);
  if (compaction === ledger.compaction && collapses.length === ledger.collapses.length) return ledger;
  return { compaction, collapses };
}

const compactionMessages = new WeakMap<CompactionRecord, UserMessage>();
const collapseMessages = new WeakMap<CollapseRecord, UserMessage>();

/**
 * The message that stands for a compaction: the summary, then what was re-attached. One object
 * per record, so successive requests carry the very same message and the prompt cache holds.
 */
export function compactionMessage(record: CompactionRecord): UserMessage {
  let message = compactionMessages.get(record);
  if (!message) {
    const text = `This session continues from an earlier conversation that was summarised because it no longer fit the context window (about ${record.contextTokens.toLocaleString('en-US')} tokens). The summary covers everything up to here; the most recent messages after it may repeat its last part.\n\n<summary>\n${record.summary.trim()}\n</summary>`;
    message = {
      role: 'user',
      synthetic: true,
      content: [
        { type: 'text', text },
        ...record.attachments.map((attachment) => ({ type: 'text' as const, text: attachment })),
      ],
    };
    compactionMessages.set(record, message);
  }
  return message;
}

/** The message sent instead of a collapsed span; one object per record, like {@link compactionMessage}. */
export function collapseMessage(record: CollapseRecord): UserMessage {
  let message = collapseMessages.get(record);
  if (!message) {
    const count = record.to - record.from;
    const text = `[${count} earlier messages of this session were collapsed into this summary to save context:]\n${record.summary.trim()}`;
    message = { role: 'user', synthetic: true, content: [{ type: 'text', text }] };
    collapseMessages.set(record, message);
  }
  return message;
}
