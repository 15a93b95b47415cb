import type { Message, Usage } from '../messages/message';
import type { ImageTokenRule } from '../model/image-tokens';
import { estimateMessageTokens } from './estimate-tokens';

/** Estimates of fewer tokens than this say more about framing than about the tokenizer: not learned from. */
const minimumSampleTokens = 200;
/** However the samples fall, a ratio outside these bounds is a mistake, not a tokenizer. */
const ratioBounds = { low: 0.5, high: 3 } as const;

/** A count of a whole request: the provider's report of a call, or a `count_tokens` answer. */
interface Counted {
  /** The messages before `message` in the request that was counted. */
  sent: readonly Message[];
  /** The last message counted: the call's answer, or the last message of a counted request. */
  message: Message;
  tokens: number;
}

/**
 * Measures how many tokens the next request's context holds, without serialising the history:
 * the provider's count of the last request (its reported usage, or a `count_tokens` answer), plus
 * an estimate of each message after it. Each message is estimated once (a message object never
 * changes), so a turn costs in proportion to what is new, not to the length of the session.
 *
 * A count is used only for a request that begins with the very messages counted (compared by
 * identity, so older messages are not read): when the context pipeline changed the request before
 * its newest turn (a compaction, a collapse, a snip) the whole request is estimated instead.
 *
 * The estimate (characters ÷ 4) is calibrated against the provider: each report is compared with
 * what was estimated for the same request, and estimates are scaled by the ratio of everything
 * counted to everything estimated so far. Until a report arrives the ratio is 1.
 */
export class ContextMeter {
  readonly #estimates = new WeakMap<Message, number>();
  readonly #imageTokens: ImageTokenRule | undefined;
  #counted: Counted | undefined;
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
   * Records the provider's usage for the call that sent `sent` and produced `message`: its input,
   * cache reads and writes, and its own output are the context so far. The input is also compared
   * with the estimate of the latest {@link measure}, the call's own. Usage of all zeros (a provider
   * that reports none) is ignored.
   */
  record(message: Message, usage: Usage, sent: readonly Message[]): void {
    const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
    const tokens = input + usage.outputTokens;
    if (tokens === 0) return;
    this.#learn(input);
    this.#counted = { sent, message, tokens };
  }

  /**
   * Records an exact count of a request carrying `messages` (a `count_tokens` answer): a request
   * that begins with them is measured from it, as from a report.
   */
  recordCount(messages: readonly Message[], tokens: number): void {
    const message = messages.at(-1);
    if (tokens <= 0 || message === undefined) return;
    this.#pending = undefined;
    this.#counted = { sent: messages.slice(0, -1), message, tokens };
  }

  /** True when no count covers the beginning of `messages` (a first call, a resumed or compacted history). */
  isUncounted(messages: readonly Message[]): boolean {
    return this.#counted === undefined || !startsWith(messages, this.#counted);
  }

  /**
   * The context size of a request carrying `messages`: the last count plus the calibrated
   * estimate of the messages after it, when they begin with what was counted; otherwise
   * `fixedTokens` (system prompt and tool definitions, estimated) plus every message, calibrated.
   */
  measure(messages: readonly Message[], fixedTokens: number): number {
    const counted = this.#counted;
    const covered = counted !== undefined && startsWith(messages, counted);
    const base = covered ? counted.tokens : 0;
    let estimated = covered ? 0 : fixedTokens;
    for (let index = covered ? counted.sent.length + 1 : 0; index < messages.length; index += 1)
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

/** Whether `messages` begin with the counted request and its last message, object for object. */
function startsWith(messages: readonly Message[], counted: Counted): boolean {
  if (messages[counted.sent.length] !== counted.message) return false;
  for (let index = 0; index < counted.sent.length; index += 1)
    if (messages[index] !== counted.sent[index]) return false;
  return true;
}
