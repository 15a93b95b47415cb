/**
 * What the agent has seen of each file, for the guards of the writing tools and for the
 * changed-files reminder. Two things are kept apart on purpose: what the agent last *saw* (a read,
 * its own write, or a change the reminder showed it as a short diff) and what it last *read in
 * full*. Edits are anchored on text, so the first is enough for them; a Write replaces everything,
 * so it needs the second, or it would overwrite lines the agent never saw.
 */

/** What the agent last saw of a file. */
export interface FileSnapshot {
  /** The text the agent last saw (after decoding, original line endings). */
  content: string;
  mtimeMs: number;
  /** True when the agent has seen only part of this text (offset/limit reads that leave gaps). */
  partial: boolean;
}

/** Where a file stands against the last time the agent read all of it. */
export type WholeFileState =
  /** The agent never read the file in this session. */
  | 'never-read'
  /** It read or edited parts of the file, but has not seen the whole of its current text. */
  | 'partial'
  /** The file's text is not what the agent last read in full: someone or something changed it. */
  | 'changed'
  /** The file holds exactly what the agent last read (or wrote) in full. */
  | 'unchanged';

/** The lines a Read showed: `start` (0-based) to `end` (exclusive), of `total` in the file. */
export interface ReadLines {
  start: number;
  end: number;
  total: number;
}

interface Coverage {
  hash: string;
  total: number;
  /** Sorted, disjoint `[start, end)` line ranges shown of the text with `hash`. */
  ranges: [number, number][];
}

/**
 * Keyed by resolved absolute path; owned by the session. Content is compared by SHA-256 hash
 * (Web Crypto, so the core stays free of node:*), never by modification time alone: an unsaved
 * editor buffer changes without its mtime moving.
 */
export class FileStateCache {
  readonly #seen = new Map<string, FileSnapshot>();
  /** Hash of the text last read in full (or written by the agent over a fully read text). */
  readonly #fullReads = new Map<string, string>();
  /** Line ranges read of the current text, while they do not yet cover all of it. */
  readonly #coverage = new Map<string, Coverage>();

  /** What the agent last saw of the file; undefined when it has not seen it in this session. */
  get(path: string): FileSnapshot | undefined {
    return this.#seen.get(path);
  }

  /** Every file the agent has seen, least recently seen first. */
  entries(): IterableIterator<[string, FileSnapshot]> {
    return this.#seen.entries();
  }

  /** The `limit` files the agent saw most recently (read, wrote or was shown), newest first. */
  recent(limit: number): [string, FileSnapshot][] {
    return [...this.#seen].slice(-limit).reverse();
  }

  /** Forgets the file (deleted, or to be read again before any edit). */
  delete(path: string): void {
    this.#seen.delete(path);
    this.#fullReads.delete(path);
    this.#coverage.delete(path);
  }

  /**
   * Records a Read of `lines` of the file whose whole text is `content`. Reads of the same text
   * add up: two halves read one after the other count as a full read.
   */
  async recordRead(
    path: string,
    read: { content: string; mtimeMs: number; lines: ReadLines },
  ): Promise<void> {
    const hash = await contentHash(read.content);
    const previous = this.#coverage.get(path);
    const ranges = previous?.hash === hash ? [...previous.ranges] : [];
    const coverage = { hash, total: read.lines.total, ranges: addRange(ranges, read.lines) };
    const whole = covers(coverage);
    if (whole) {
      this.#fullReads.set(path, hash);
      this.#coverage.delete(path);
    } else this.#coverage.set(path, coverage);
    this.#see(path, { content: read.content, mtimeMs: read.mtimeMs, partial: !whole });
  }

  /**
   * Records the agent's own write of `content` over `before` (undefined for a new file). The
   * agent knows all of what it wrote only if it knew all of what it wrote over: an edit applied to
   * a file that had changed since its last full read does not make the rest of the file seen.
   */
  async recordWrite(
    path: string,
    write: { before: string | undefined; content: string; mtimeMs: number },
  ): Promise<void> {
    const knewBefore =
      write.before === undefined || this.#fullReads.get(path) === (await contentHash(write.before));
    this.#coverage.delete(path);
    if (knewBefore) this.#fullReads.set(path, await contentHash(write.content));
    else this.#fullReads.delete(path);
    this.#see(path, { content: write.content, mtimeMs: write.mtimeMs, partial: !knewBefore });
  }

  /**
   * Records that the model was told the file now holds `content` (the changed-files reminder's short
   * diff), so the same change is not reported twice. It is not a read: a Write still needs one.
   */
  recordNotice(path: string, notice: { content: string; mtimeMs: number }): void {
    const previous = this.#seen.get(path);
    this.#see(path, { ...notice, partial: previous?.partial ?? false });
  }

  /** Stores what was seen of the file and moves it to the end: the map is in order of recency. */
  #see(path: string, snapshot: FileSnapshot): void {
    this.#seen.delete(path);
    this.#seen.set(path, snapshot);
  }

  /** Whether `current` (the file's text now, unsaved editor changes included) is what the agent last read in full. */
  async wholeFileState(path: string, current: string): Promise<WholeFileState> {
    const full = this.#fullReads.get(path);
    if (full === undefined) return this.#seen.has(path) ? 'partial' : 'never-read';
    return full === (await contentHash(current)) ? 'unchanged' : 'changed';
  }
}

function addRange(ranges: [number, number][], lines: ReadLines): [number, number][] {
  const end = Math.min(lines.end, lines.total);
  if (end > lines.start) ranges.push([lines.start, end]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function covers(coverage: Coverage): boolean {
  if (coverage.total === 0) return true;
  const [first] = coverage.ranges;
  return coverage.ranges.length === 1 && first !== undefined && first[0] === 0 && first[1] >= coverage.total;
}

/** Hex SHA-256 of the text's UTF-8 bytes. */
async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
