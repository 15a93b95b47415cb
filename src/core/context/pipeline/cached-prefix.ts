import type { Message } from '../../messages/message';
import type { ContextView } from './context-view';

/** How long Anthropic keeps a prompt prefix cached (the default, 5-minute tier). */
export const defaultCacheTtlMs = 5 * 60_000;

/**
 * What the provider has cached of the conversation: the messages of the last request (its newest
 * cache breakpoint sits on its last message), for as long as the cache lives. A layer that must
 * not break the cache edits only after it — in the uncached tail.
 */
export class CachedPrefix {
  #last: { messages: readonly Message[]; at: number } | undefined;

  constructor(private readonly ttlMs: number = defaultCacheTtlMs) {}

  /** A request carrying `messages` was sent at `at` (the clock's time). */
  record(messages: readonly Message[], at: number): void {
    this.#last = { messages, at };
  }

  /**
   * Where the uncached tail of `view` begins: after what it shares, message for message, with the
   * last request; 0 when nothing was sent yet or the cache has expired by `now`.
   */
  uncachedFrom(view: ContextView, now: number): number {
    const last = this.#last;
    if (!last || now - last.at > this.ttlMs) return 0;
    let index = 0;
    while (index < last.messages.length && view.messages[index] === last.messages[index]) index += 1;
    return index;
  }
}
