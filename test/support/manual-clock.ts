import type { Clock } from '../../src/core/ports';

/**
 * A clock that moves only when told: `advance(ms)` moves `now()` and wakes the sleeps that are
 * due, in order. Tests assert what happened by a given time without waiting for it.
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #sleepers: { due: number; wake(): void }[] = [];

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  random(): number {
    return 0.5;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { due: this.#now + ms, wake: resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.#sleepers.indexOf(sleeper);
          if (at !== -1) this.#sleepers.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Sleeps not yet woken. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** Moves time on and wakes what is due; resolves after their continuations ran. */
  async advance(ms: number): Promise<void> {
    this.#now += ms;
    const due = this.#sleepers.filter((sleeper) => sleeper.due <= this.#now).sort((a, b) => a.due - b.due);
    for (const sleeper of due) {
      this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
      sleeper.wake();
    }
    for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
  }
}
