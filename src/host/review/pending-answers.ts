/**
 * Questions waiting for the person, keyed by request id. `wait` settles with the answer, or with
 * `undefined` when the signal aborts or the owner is cleared (the turn ended): never hangs.
 */
export class PendingAnswers<Answer> {
  readonly #waiting = new Map<string, (answer: Answer | undefined) => void>();

  get size(): number {
    return this.#waiting.size;
  }

  has(requestId: string): boolean {
    return this.#waiting.has(requestId);
  }

  /** The ids of the questions waiting now, oldest first. */
  pending(): string[] {
    return [...this.#waiting.keys()];
  }

  wait(requestId: string, signal: AbortSignal): Promise<Answer | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = (): void => settle(undefined);
      const settle = (answer: Answer | undefined): void => {
        signal.removeEventListener('abort', onAbort);
        this.#waiting.delete(requestId);
        resolve(answer);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(requestId, settle);
    });
  }

  /** false when nothing waits under that id (already answered, or a stale webview). */
  answer(requestId: string, answer: Answer): boolean {
    const settle = this.#waiting.get(requestId);
    if (!settle) return false;
    settle(answer);
    return true;
  }

  /** Settles every waiting question with `undefined`. */
  clear(): void {
    for (const settle of [...this.#waiting.values()]) settle(undefined);
  }
}

/** A signal that aborts when `signal` or `other` (when given) does. */
export function anySignal(signal: AbortSignal, other: AbortSignal | undefined): AbortSignal {
  return other ? AbortSignal.any([signal, other]) : signal;
}
