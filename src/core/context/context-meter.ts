import type { Message, Usage } from '../messages/message';
import type { ImageTokenRule } from '../model/image-tokens';
import { estimateMessageTokens } from './estimate-tokens';

/** Estimates of fewer tokens than this say more about framing than about the tokenizer: not learned from. */
const minimumSampleTokens = 200;
/** However the samples fall, a ratio outside these bounds is a mistake, not a tokenizer. */
const ratioBounds = { low: 0.5, high: 3 } as const;

/**
 * Measures how many tokens the next request's context holds, without serialising the history:
 * the provider's count for the last response (its reported usage, or a `count_tokens` answer),
 * plus an estimate of each message appended since. Each message is estimated once (messages are
 * never changed once in the history), so a turn costs in proportion to what is new, not to the
 * length of the session.
 *
 * The estimate (characters ÷ 4) is calibrated against the provider: each report is compared with
 * what was estimated for the same request, and the estimates of new messages are scaled by the
 * ratio of everything counted to everything estimated so far. Until a report arrives the ratio
 * is 1.
 */
export class ContextMeter {
  readonly #estimates = new WeakMap<Message, number>();
  readonly #imageTokens: ImageTokenRule | undefined;
  /** The last response the provider counted, and the context size it counted. */
  #reported: { message: Message; tokens: number } | undefined;
  /** What the latest measure estimated, on top of which counted base, for the report that follows. */
  #pending: { base: number; estimated: number } | undefined;
  #countedTokens = 0;
  #estimatedTokens = 0;

  /** `imageTokens`: the model's rule (`ModelInfo.imageTokens`); default Anthropic's pixel rule. */
  constructor(imageTokens?: ImageTokenRule) {
    this.#imageTokens = imageTokens;
  }

  /** The estimated tokens of one message (uncalibrated), computed once per message object. */
  estimate(message: Message): number {
    let tokens = this.#estimates.get(message);
    if (tokens === undefined) {
      tokens = estimateMessageTokens(message, this.#imageTokens);
      this.#estimates.set(message, tokens);
    }
    return tokens;
  }

  /** Reported tokens ÷ estimated tokens, learned from the reports so far; 1 before the first. */
  get ratio(): number {
    if (this.#estimatedTokens === 0) return 1;
    const ratio = this.#countedTokens / this.#estimatedTokens;
    return Math.min(ratioBounds.high, Math.max(ratioBounds.low, ratio));
  }

  /**
   * Records the provider's usage for the call that produced `message` (an assistant message now in
   * the history): its input, cache reads and writes, and its own output are the context so far.
   * The input is also compared with the estimate of the latest {@link measure}, the call's own.
   * Usage of all zeros (a provider that reports none) is ignored.
   */
  record(message: Message, usage: Usage): void {
    const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
    const tokens = input + usage.outputTokens;
    if (tokens === 0) return;
    this.#learn(input);
    this.#reported = { message, tokens };
  }

  /**
   * Records an exact count of the context up to and including `message` (the last message of a
   * `count_tokens` request): what follows is measured from it, as from a report.
   */
  recordCount(message: Message, tokens: number): void {
    if (tokens <= 0) return;
    this.#pending = undefined;
    this.#reported = { message, tokens };
  }

  /** True when no counted response is among `messages` (a first call, a resumed or compacted history). */
  isUncounted(messages: readonly Message[]): boolean {
    return this.#reported === undefined || messages.lastIndexOf(this.#reported.message) === -1;
  }

  /**
   * The context size of a request carrying `messages`. When the last counted response is among
   * them, its count plus the calibrated estimate of the messages after it; otherwise `fixedTokens`
   * (system prompt and tool definitions, estimated) plus every message, calibrated.
   */
  measure(messages: readonly Message[], fixedTokens: number): number {
    const reported = this.#reported;
    const from = reported ? messages.lastIndexOf(reported.message) : -1;
    const base = from === -1 || !reported ? 0 : reported.tokens;
    let estimated = from === -1 ? fixedTokens : 0;
    for (let index = from + 1; index < messages.length; index += 1)
      estimated += this.estimate(messages[index]!);
    this.#pending = { base, estimated };
    return base + Math.round(estimated * this.ratio);
  }

  /** Compares a count with what the latest measure estimated for it. */
  #learn(countedInput: number): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending || pending.estimated < minimumSampleTokens) return;
    const counted = countedInput - pending.base;
    if (counted <= 0) return;
    this.#countedTokens += counted;
    this.#estimatedTokens += pending.estimated;
  }
}
