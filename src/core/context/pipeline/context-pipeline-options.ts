import type { Message } from '../../messages/message';
import type { ModelInfo } from '../../model/model-client';
import type { Clock, ToolResultStore } from '../../ports';
import type { AnyTool } from '../../tools/tool';
import type { CompactTrigger, Compactor, SpanSummarizer, SummaryPrefix } from '../compactor';
import type { CompactionAttachments } from './compact-history';
import type { ContextLedger } from './context-ledger';
import type { ContextThresholds } from './context-thresholds';

/** What a session's pipeline is built from; everything but `describe`, `tools` and `clock` is optional. */
export interface ContextPipelineOptions {
  /** The window and limits of a model by id (the loop may fall back to another model). */
  describe(model: string): ModelInfo;
  /**
   * The tools that can run now: their result limits, and which of them only read (their results
   * can be had again). Asked each time, since the MCP tools a session has can change between turns.
   */
  tools: () => readonly AnyTool[];
  clock: Clock;
  /** Summarises the conversation: auto, reactive and manual compaction. None: those layers do nothing. */
  compactor?: Compactor;
  /** Summarises one span (context collapse). None: that layer does nothing. */
  collapser?: SpanSummarizer;
  /** Keeps tool results too long for the context. None: they are cut in the middle instead. */
  store?: ToolResultStore;
  /** Tokens kept free under the window besides the output reserve (see `contextThresholds`). */
  bufferTokens?: number;
  /** Auto-compact at this share of the window (percent) when that comes sooner (see `contextThresholds`). */
  autoCompactPercent?: number;
  /** Overrides of the layers' thresholds. */
  thresholds?: Partial<ContextThresholds>;
  /** false turns auto-compaction off; manual and reactive compaction still run. Default true. */
  autoCompact?: boolean;
  /** How long the provider keeps a prompt prefix cached; past it the whole conversation is uncached. Default 5 minutes. */
  cacheTtlMs?: number;
  /** The newest tool results microcompact never clears. Default 6. */
  keepRecentResults?: number;
  /** What to re-attach after a compaction's summary. */
  attachments?: CompactionAttachments;
  /** A resumed session's ledger. */
  ledger?: ContextLedger;
}

/** One request about to be built. */
export interface PrepareRequest {
  history: readonly Message[];
  prefix: SummaryPrefix;
  /** The call's `max_tokens`: room the window keeps for the answer. */
  outputReserve: number;
  /** The system prompt and tool definitions, estimated. */
  fixedTokens: number;
  /** The previous step of this turn was a compaction: no second one before the call. */
  afterCompaction: boolean;
  signal: AbortSignal;
}

/** A compaction asked for outside the layers' own triggers: `/compact`, or a "prompt too long" answer. */
export interface CompactStepRequest extends Omit<PrepareRequest, 'afterCompaction'> {
  trigger: Exclude<CompactTrigger, 'auto'>;
  /** The context's size, when it is known to be more than measured (a "prompt too long" answer). */
  contextTokens?: number;
  instructions?: string;
}

/** What the request carries, and its measured size. */
export interface PreparedContext {
  messages: readonly Message[];
  tokens: number;
  compacted: boolean;
}
