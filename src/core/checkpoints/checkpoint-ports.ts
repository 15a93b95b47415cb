/**
 * The checkpoints' ways out, implemented in src/node/checkpoints: a content-addressed blob store,
 * a per-session journal, and a disk scanner for the files a turn may have touched without Tandem's
 * own tools. None of them may throw for an expected failure (missing blob, torn line); they report it.
 */
import type { CheckpointRecord } from './checkpoint-record';

/** Exact bytes by their SHA-256. Storing the same bytes twice keeps one copy. */
export interface BlobStore {
  /** The name `put` would give these bytes. */
  hash(bytes: Uint8Array): string;
  /** Stores the bytes (idempotent, durable when it resolves) and returns their hash. */
  put(bytes: Uint8Array): Promise<string>;
  /** undefined when the blob is missing or its bytes no longer match its name. */
  get(hash: string): Promise<Uint8Array | undefined>;
}

/** What the journal held: every valid record in order, and how many lines were unreadable. */
export interface JournalContents {
  records: CheckpointRecord[];
  skippedLines: number;
}

/** One session's checkpoint journal. Appends are durable in order; a failure is reported by rejecting. */
export interface CheckpointJournal {
  read(): Promise<JournalContents>;
  append(record: CheckpointRecord): Promise<void>;
}

/** Size and modification time: enough to tell that a file changed, not what it was. */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
}

/** Files under the workspace roots with their fingerprints, as of one moment. */
export interface FileScan {
  /** Keyed by absolute, normalised path. */
  files: ReadonlyMap<string, Fingerprint>;
  /** False when the limit was reached: files past it were not seen. */
  complete: boolean;
}

/**
 * Reads fingerprints from the disk itself (never an editor buffer). `scan` lists the files that
 * .gitignore does not exclude, hidden ones included, the VCS folder never.
 */
export interface FileScanner {
  scan(options: { roots: readonly string[]; limit: number; signal: AbortSignal }): Promise<FileScan>;
  /** One fingerprint per path, undefined for a path that is missing or not a file. */
  stat(paths: readonly string[]): Promise<(Fingerprint | undefined)[]>;
}
