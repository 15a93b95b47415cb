/** What the agent last saw of a file, for the "read it first / changed since" guards. */
export interface FileSnapshot {
  /** The text the agent saw (after decoding, original line endings). */
  content: string;
  mtimeMs: number;
  /** True when only part of the file was read (offset/limit). */
  partial: boolean;
}

/** Keyed by resolved absolute path. Plain map semantics; owned by the session. */
export class FileStateCache {
  readonly #entries = new Map<string, FileSnapshot>();

  get(path: string): FileSnapshot | undefined {
    return this.#entries.get(path);
  }

  set(path: string, snapshot: FileSnapshot): void {
    this.#entries.set(path, snapshot);
  }

  delete(path: string): void {
    this.#entries.delete(path);
  }

  entries(): IterableIterator<[string, FileSnapshot]> {
    return this.#entries.entries();
  }
}
