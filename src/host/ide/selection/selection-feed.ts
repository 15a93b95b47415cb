import type { EditorSelection } from '../ide-editor';

/** An explicit "send this to the agent" from the person: a file, or a range of it (0-based lines). */
export interface AtMention {
  filePath: string;
  lineStart?: number;
  lineEnd?: number;
}

/** Runs `callback` after `ms`; returns a function that cancels it. */
export type Scheduler = (callback: () => void, ms: number) => () => void;

/** setTimeout as a {@link Scheduler}. */
export const timerScheduler: Scheduler = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

type Listener<T> = (value: T) => void;

/** Options of {@link SelectionFeed}. */
export interface SelectionFeedOptions {
  /** Quiet time before a change is announced, in ms; the official extension waits 300. */
  debounceMs: number;
  schedule?: Scheduler;
}

function sameSelection(a: EditorSelection | undefined, b: EditorSelection | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The editor's selection as every connected IDE client hears it: changes are debounced and
 * announced only when text or range really changed; {@link latest} is the last one announced
 * (what `getLatestSelection` answers, even after that editor closed). Mentions are announced at once.
 * Listeners must not throw.
 */
export class SelectionFeed {
  readonly #options: SelectionFeedOptions;
  readonly #schedule: Scheduler;
  readonly #selectionListeners = new Set<Listener<EditorSelection>>();
  readonly #mentionListeners = new Set<Listener<AtMention>>();
  #latest: EditorSelection | undefined;
  #pending: EditorSelection | undefined;
  #cancel: (() => void) | undefined;

  constructor(options: SelectionFeedOptions) {
    this.#options = options;
    this.#schedule = options.schedule ?? timerScheduler;
  }

  /** The last selection announced, or undefined before the first. */
  get latest(): EditorSelection | undefined {
    return this.#latest;
  }

  /** Called by the editor adapter on every selection or active-editor change. */
  update(selection: EditorSelection | undefined): void {
    if (!selection) return;
    this.#pending = selection;
    this.#cancel?.();
    this.#cancel = this.#schedule(() => this.#flush(), this.#options.debounceMs);
  }

  /** Announces a mention to every listener; returns how many heard it. */
  mention(mention: AtMention): number {
    for (const listener of this.#mentionListeners) listener(mention);
    return this.#mentionListeners.size;
  }

  /** Subscribes to announced selections; returns the unsubscribe function. */
  onDidChangeSelection(listener: Listener<EditorSelection>): () => void {
    this.#selectionListeners.add(listener);
    return () => this.#selectionListeners.delete(listener);
  }

  /** Subscribes to mentions; returns the unsubscribe function. */
  onDidMention(listener: Listener<AtMention>): () => void {
    this.#mentionListeners.add(listener);
    return () => this.#mentionListeners.delete(listener);
  }

  /** Drops a pending announcement. */
  dispose(): void {
    this.#cancel?.();
    this.#selectionListeners.clear();
    this.#mentionListeners.clear();
  }

  #flush(): void {
    this.#cancel = undefined;
    const next = this.#pending;
    this.#pending = undefined;
    if (!next || sameSelection(next, this.#latest)) return;
    this.#latest = next;
    for (const listener of this.#selectionListeners) listener(next);
  }
}
