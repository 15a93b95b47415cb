/**
 * An unbounded single-consumer queue: producers push, the consumer pulls what is there now or
 * waits for the next item. Lets the loop interleave model stream events with tool events.
 */
export class AsyncQueue<T> {
  readonly #items: T[] = [];
  #waiter: (() => void) | undefined;

  push(item: T): void {
    this.#items.push(item);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  /** Everything queued now, without waiting. */
  takeAll(): T[] {
    return this.#items.splice(0, this.#items.length);
  }

  get size(): number {
    return this.#items.length;
  }

  /** Resolves when an item is queued (at once if one already is) or when `other` settles. */
  wait(other?: Promise<unknown>): Promise<void> {
    if (this.#items.length > 0) return Promise.resolve();
    const arrival = new Promise<void>((resolve) => {
      this.#waiter = resolve;
    });
    return other ? Promise.race([arrival, other.then(() => undefined)]) : arrival;
  }
}
