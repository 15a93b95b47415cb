/**
 * Where each layer of the context pipeline starts, in tokens of the context a request carries.
 * A layer runs only while the context is over its threshold, and once it runs it takes the context
 * down to `target` (or as far as it can): a run changes the prompt prefix, so everything after the
 * change is written to the cache again, and a layer that freed only what the next turn adds back
 * would pay that again on every turn.
 */
export interface ContextThresholds {
  /** Snip drops turns a summary already covers. */
  snip: number;
  /** Microcompact clears old tool results, in the uncached tail only. */
  microcompact: number;
  /** Context collapse summarises old spans (a call to the small model). */
  collapse: number;
  /** Auto-compaction summarises the whole conversation: `window − output reserve − buffer`. */
  autoCompact: number;
  /** What a layer that runs takes the context down to (never above its own threshold). */
  target: number;
}

/** What the thresholds are computed from. */
export interface ContextThresholdOptions {
  /** The model's context window, in tokens. */
  window: number;
  /** The output tokens the next call may produce (its `max_tokens`). */
  outputReserve: number;
  /** Tokens kept free besides the output reserve; default {@link defaultBufferTokens}. */
  bufferTokens?: number;
  /**
   * Auto-compact at this share of the window, in percent, when that comes sooner than the reserve
   * and buffer do (Claude Code's `CLAUDE_AUTOCOMPACT_PCT_OVERRIDE`: it can only bring it earlier).
   */
  autoCompactPercent?: number;
}

/** Claude Code's buffer under the window, or a tenth of a small window (local models have 8k–32k). */
export function defaultBufferTokens(window: number): number {
  return Math.min(13_000, Math.round(window / 10));
}

/**
 * The thresholds for one model and output reserve. The cheap layers start below auto-compaction:
 * microcompact at 60 % of it (it only acts where the cache is cold anyway), snip at 75 %, collapse
 * at 85 %, and each that runs works down to half of it; `overrides` replace any of them (tests,
 * settings).
 */
export function contextThresholds(
  options: ContextThresholdOptions,
  overrides: Partial<ContextThresholds> = {},
): ContextThresholds {
  const buffer = options.bufferTokens ?? defaultBufferTokens(options.window);
  const byReserve = options.window - options.outputReserve - buffer;
  const byPercent = Math.floor((options.window * (options.autoCompactPercent ?? 100)) / 100);
  const autoCompact = Math.max(0, Math.min(byReserve, byPercent));
  return {
    snip: Math.round(autoCompact * 0.75),
    microcompact: Math.round(autoCompact * 0.6),
    collapse: Math.round(autoCompact * 0.85),
    autoCompact,
    target: Math.round(autoCompact * 0.5),
    ...overrides,
  };
}

/** What the layer with threshold `threshold` works down to. */
export function layerTarget(thresholds: ContextThresholds, threshold: number): number {
  return Math.min(thresholds.target, threshold);
}
