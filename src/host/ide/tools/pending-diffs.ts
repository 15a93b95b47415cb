interface PendingDiff {
  controller: AbortController;
  settled: Promise<unknown>;
}

/**
 * The `openDiff` calls of one client that still wait for the person, by tab title, so `close_tab`
 * and `closeAllDiffTabs` can settle them (as rejected) and every request still gets its answer.
 */
export class PendingDiffs {
  readonly #waiting = new Map<string, Set<PendingDiff>>();

  /** Tracks a review until `settled` settles; `controller` aborts it. */
  track(title: string, controller: AbortController, settled: Promise<unknown>): void {
    const entries = this.#waiting.get(title) ?? new Set<PendingDiff>();
    const entry = { controller, settled };
    entries.add(entry);
    this.#waiting.set(title, entries);
    const remove = (): void => {
      entries.delete(entry);
      if (entries.size === 0 && this.#waiting.get(title) === entries) this.#waiting.delete(title);
    };
    settled.then(remove, remove);
  }

  /**
   * Aborts the reviews titled `title` (every one when omitted) and resolves, once they have
   * settled, to how many there were.
   */
  async abort(title?: string): Promise<number> {
    const groups = title === undefined ? [...this.#waiting.values()] : [this.#waiting.get(title) ?? []];
    const entries = groups.flatMap((group) => [...group]);
    for (const entry of entries) entry.controller.abort();
    await Promise.allSettled(entries.map((entry) => entry.settled));
    return entries.length;
  }
}
