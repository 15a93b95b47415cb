import type { Message, Usage } from '../messages/message';
import type { ImageTokenRule } from '../model/image-tokens';
import { estimateMessageTokens } from './estimate-tokens';

/** How far a calibration may scale the estimates: past this, the reported call says little about the next. */
const calibrationBounds = { min: 0.5, max: 2 };

/**
 * Measures how many tokens the next request's context holds, without serialising the history:
 * the provider's reported usage of the last response, plus an estimate of each message appended
 * since. Each message is estimated once (messages are never changed once in a request), so a
 * turn costs in proportion to what is new, not to the length of the session.
 */
export class ContextMeter {
  readonly #estimates = new WeakMap<Message, number>();
  readonly #imageTokens: ImageTokenRule | undefined;
  /** The last response the provider reported usage for, the request that produced it, and the context size it reported. */
  #reported: { message: Message; sent: readonly Message[]; tokens: number; estimated: number } | undefined;

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
   * Records the provider's usage for the call that sent `sent` and produced `message`: its input,
   * cache reads and writes, and its own output are the context so far. Usage of all zeros (a
   * provider that reports none) is ignored.
   */
  record(message: Message, usage: Usage, sent: readonly Message[]): void {
    const tokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens + usage.outputTokens;
    if (tokens <= 0) return;
    let estimated = this.estimate(message);
    for (const earlier of sent) estimated += this.estimate(earlier);
    this.#reported = { message, sent, tokens, estimated };
  }

  /**
   * The context size of a request carrying `messages`. When they begin with the reported request
   * and its answer (compared by identity, so the older messages are not read), its usage plus the
   * messages after them. Otherwise (a first call, or a request the pipeline changed before its
   * newest turn) `fixedTokens` (system prompt and tool definitions) plus every message's estimate,
   * scaled by how the last reported call compared with its own estimate.
   */
  measure(messages: readonly Message[], fixedTokens: number): number {
    const reported = this.#reported;
    if (reported && startsWithReported(messages, reported)) {
      let tokens = reported.tokens;
      for (let index = reported.sent.length + 1; index < messages.length; index += 1)
        tokens += this.estimate(messages[index]!);
      return tokens;
    }
    let estimated = fixedTokens;
    for (const message of messages) estimated += this.estimate(message);
    if (!reported) return estimated;
    const ratio = reported.tokens / (reported.estimated + fixedTokens);
    const scale = Math.min(calibrationBounds.max, Math.max(calibrationBounds.min, ratio));
    return Math.round(estimated * scale);
  }
}

function startsWithReported(
  messages: readonly Message[],
  reported: { message: Message; sent: readonly Message[] },
): boolean {
  if (messages[reported.sent.length] !== reported.message) return false;
  for (let index = 0; index < reported.sent.length; index += 1)
    if (messages[index] !== reported.sent[index]) return false;
  return true;
}
