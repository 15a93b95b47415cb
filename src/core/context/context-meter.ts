import type { Message, Usage } from '../messages/message';
import type { ImageTokenRule } from '../model/image-tokens';
import { estimateMessageTokens } from './estimate-tokens';

/**
 * Measures how many tokens the next request's context holds, without serialising the history:
 * the provider's reported usage of the last response, plus an estimate of each message appended
 * since. Each message is estimated once (messages are never changed once in the history), so a
 * turn costs in proportion to what is new, not to the length of the session.
 */
export class ContextMeter {
  readonly #estimates = new WeakMap<Message, number>();
  readonly #imageTokens: ImageTokenRule | undefined;
  /** The last response the provider reported usage for, and the context size it reported. */
  #reported: { message: Message; tokens: number } | undefined;

  /** `imageTokens`: the model's rule (`ModelInfo.imageTokens`); default Anthropic's pixel rule. */
  constructor(imageTokens?: ImageTokenRule) {
    this.#imageTokens = imageTokens;
  }

  /** The estimated tokens of one message, computed once per message object. */
  estimate(message: Message): number {
    let tokens = this.#estimates.get(message);
    if (tokens === undefined) {
      tokens = estimateMessageTokens(message, this.#imageTokens);
      this.#estimates.set(message, tokens);
    }
    return tokens;
  }

  /**
   * Records the provider's usage for the call that produced `message` (an assistant message now in
   * the history): its input, cache reads and writes, and its own output are the context so far.
   * Usage of all zeros (a provider that reports none) is ignored.
   */
  record(message: Message, usage: Usage): void {
    const tokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens + usage.outputTokens;
    if (tokens > 0) this.#reported = { message, tokens };
  }

  /**
   * The context size of a request carrying `messages`. When the last reported response is among
   * them, its usage plus the messages after it; otherwise (a first call, or a history replaced by
   * compaction) `fixedTokens` (system prompt and tool definitions) plus every message's estimate.
   */
  measure(messages: readonly Message[], fixedTokens: number): number {
    const reported = this.#reported;
    const from = reported ? messages.lastIndexOf(reported.message) : -1;
    let tokens = from === -1 || !reported ? fixedTokens : reported.tokens;
    for (let index = from + 1; index < messages.length; index += 1) tokens += this.estimate(messages[index]!);
    return tokens;
  }
}
