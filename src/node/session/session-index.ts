import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../core/ports';
import type { SessionSummary } from '../../core/session/session-summary';
import {
  emptySessionSummary,
  foldSessionSummary,
  sessionSummarySchema,
} from '../../core/session/session-summary';
import { transcriptEntrySchema } from '../../core/session/transcript-entry';
import { parseJsonLine } from '../../core/text/json-lines';

/** The index's file in the sessions folder. */
export const indexFileName = 'index.json';

/** The bytes of a transcript's head kept to notice a file rewritten rather than appended to. */
const headBytes = 256;

const indexEntrySchema = z.object({
  sessionId: z.string(),
  /** Bytes of the transcript folded so far: always the end of a whole line. */
  offset: z.number().int().nonnegative(),
  /** The transcript's size and mtime when it was folded. */
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  head: z.string(),
  summary: sessionSummarySchema,
});

const indexFileSchema = z.object({ version: z.literal(1), sessions: z.array(indexEntrySchema) });

type IndexEntry = z.infer<typeof indexEntrySchema>;

/** One saved session as the index knows it, checked against its transcript. */
export interface IndexedSession {
  sessionId: string;
  path: string;
  /** The transcript's mtime, ms since the epoch. */
  updatedAt: number;
  summary: SessionSummary;
}

/** Options of {@link SessionIndex}. */
export interface SessionIndexOptions {
  directory: string;
  logger: Logger;
  /** Which file names are transcripts, and their session ids. */
  sessionIdOf(fileName: string): string | undefined;
}

/**
 * The history's index: one summary per transcript, kept in `index.json` beside them, so listing a
 * thousand sessions reads one small file and stats the transcripts instead of reading them all.
 *
 * Never trusted blindly: an entry is used only while its transcript's size and mtime are those it
 * was folded at. A transcript that grew is folded on from where the entry stopped (transcripts are
 * append-only); one that shrank, or whose head changed, is read again from the start; a new one is
 * read whole; a deleted one is dropped. A missing or unreadable index is rebuilt from the
 * transcripts. Writes are atomic (a temporary file renamed over the index); losing a write only
 * costs a later refresh. Synchronous: callers on an editor thread pay for what changed, no more.
 */
export class SessionIndex {
  readonly #options: SessionIndexOptions;
  #entries: Map<string, IndexEntry> | undefined;

  constructor(options: SessionIndexOptions) {
    this.#options = options;
  }

  /** Every session with a transcript, newest first. */
  list(): IndexedSession[] {
    const entries = this.#load();
    let names: string[];
    try {
      names = readdirSync(this.#options.directory);
    } catch {
      return [];
    }
    let changed = false;
    const seen = new Set<string>();
    const sessions: IndexedSession[] = [];
    for (const name of names) {
      const sessionId = this.#options.sessionIdOf(name);
      if (sessionId === undefined) continue;
      seen.add(sessionId);
      const refreshed = this.#refresh(sessionId, entries.get(sessionId));
      if (!refreshed) continue;
      if (refreshed.changed) changed = true;
      entries.set(sessionId, refreshed.entry);
      sessions.push(this.#indexed(refreshed.entry));
    }
    for (const sessionId of entries.keys()) {
      if (seen.has(sessionId)) continue;
      entries.delete(sessionId);
      changed = true;
    }
    if (changed) this.#save(entries);
    return sessions.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** One session, refreshed from its transcript; undefined when it has none. */
  get(sessionId: string): IndexedSession | undefined {
    const entries = this.#load();
    const refreshed = this.#refresh(sessionId, entries.get(sessionId));
    if (!refreshed) {
      if (entries.delete(sessionId)) this.#save(entries);
      return undefined;
    }
    entries.set(sessionId, refreshed.entry);
    if (refreshed.changed) this.#save(entries);
    return this.#indexed(refreshed.entry);
  }

  /**
   * Brings the index up to date without blocking: each transcript that changed is read with
   * asynchronous I/O, one at a time, between which the thread is free. The editor calls it once at
   * start, so rebuilding a lost index does not stall the first listing. Never throws.
   */
  async warm(): Promise<void> {
    const entries = this.#load();
    let names: string[];
    try {
      names = await readdir(this.#options.directory);
    } catch {
      return;
    }
    let changed = false;
    for (const name of names) {
      const sessionId = this.#options.sessionIdOf(name);
      if (sessionId === undefined) continue;
      const path = this.#path(sessionId);
      try {
        const stats = await stat(path);
        const entry = entries.get(sessionId);
        if (!stats.isFile() || (entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs))
          continue;
        const start = entry && stats.size >= entry.offset && sameHead(path, entry.head) ? entry : undefined;
        const offset = start?.offset ?? 0;
        const handle = await open(path, 'r');
        let bytes: Buffer;
        try {
          const buffer = Buffer.alloc(stats.size - offset);
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
          bytes = buffer.subarray(0, bytesRead);
        } finally {
          await handle.close();
        }
        // A listing may have folded it meanwhile, from what was then the whole file.
        if (entries.get(sessionId) !== entry) continue;
        entries.set(sessionId, foldBytes(bytes, { path, sessionId, stats, start }));
        changed = true;
      } catch {
        continue; // deleted meanwhile: the next listing drops it
      }
    }
    if (changed) this.#save(entries);
  }

  /** Drops a session (its transcript was deleted). */
  forget(sessionId: string): void {
    const entries = this.#load();
    if (entries.delete(sessionId)) this.#save(entries);
  }

  #path(sessionId: string): string {
    return join(this.#options.directory, `${sessionId}.jsonl`);
  }

  #indexed(entry: IndexEntry): IndexedSession {
    return {
      sessionId: entry.sessionId,
      path: this.#path(entry.sessionId),
      updatedAt: entry.mtimeMs,
      summary: entry.summary,
    };
  }

  #load(): Map<string, IndexEntry> {
    if (this.#entries) return this.#entries;
    this.#entries = new Map();
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(this.#options.directory, indexFileName), 'utf8'));
    } catch {
      return this.#entries; // missing or torn: every transcript is read once, then indexed
    }
    const parsed = indexFileSchema.safeParse(raw);
    if (!parsed.success) {
      this.#options.logger.warn('The session index was not valid; rebuilding it from the transcripts.');
      return this.#entries;
    }
    for (const entry of parsed.data.sessions) {
      if (this.#options.sessionIdOf(`${entry.sessionId}.jsonl`) === entry.sessionId)
        this.#entries.set(entry.sessionId, entry);
    }
    return this.#entries;
  }

  #refresh(
    sessionId: string,
    entry: IndexEntry | undefined,
  ): { entry: IndexEntry; changed: boolean } | undefined {
    const path = this.#path(sessionId);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch {
      return undefined;
    }
    if (!stats.isFile()) return undefined;
    if (entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs)
      return { entry, changed: false };
    const appendedTo = entry !== undefined && stats.size >= entry.offset && sameHead(path, entry.head);
    const start = appendedTo ? entry : undefined;
    return { entry: fold(path, sessionId, stats, start), changed: true };
  }

  #save(entries: Map<string, IndexEntry>): void {
    const file = join(this.#options.directory, indexFileName);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify({ version: 1, sessions: [...entries.values()] }), {
        mode: 0o600,
      });
      renameSync(temporary, file);
    } catch (error) {
      this.#options.logger.warn('Could not write the session index', error);
    }
  }
}

/** Folds the transcript from `start`'s offset (or from the beginning) up to its last whole line. */
function fold(path: string, sessionId: string, stats: Stats, start: IndexEntry | undefined): IndexEntry {
  const offset = start?.offset ?? 0;
  return foldBytes(readFrom(path, offset, stats.size - offset), { path, sessionId, stats, start });
}

/** Folds `bytes`, read from `start`'s offset (or the beginning), up to their last whole line. */
function foldBytes(
  bytes: Buffer,
  from: {
    path: string;
    sessionId: string;
    stats: Pick<Stats, 'size' | 'mtimeMs'>;
    start: IndexEntry | undefined;
  },
): IndexEntry {
  const { path, sessionId, stats, start } = from;
  const offset = start?.offset ?? 0;
  const end = bytes.lastIndexOf(0x0a) + 1;
  let summary = start?.summary ?? emptySessionSummary();
  for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseJsonLine(line, transcriptEntrySchema);
    if (parsed) summary = foldSessionSummary(summary, parsed);
  }
  return {
    sessionId,
    offset: offset + end,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    head: readHead(path, offset + end),
    summary,
  };
}

function readFrom(path: string, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  if (length <= 0) return buffer;
  const descriptor = openSync(path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const count = readSync(descriptor, buffer, read, length - read, position + read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

/** The first bytes of what was folded, to tell an appended transcript from a rewritten one. */
function readHead(path: string, folded: number): string {
  return readFrom(path, 0, Math.min(headBytes, folded)).toString('base64');
}

function sameHead(path: string, head: string): boolean {
  try {
    return readHead(path, Buffer.from(head, 'base64').length) === head;
  } catch {
    return false;
  }
}
