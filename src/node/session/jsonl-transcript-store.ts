import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/ports';
import type { SessionSummary as FoldedSummary } from '../../core/session/session-summary';
import { displayTitle, isPrompt, promptText } from '../../core/session/session-summary';
import type { RestoredSession } from '../../core/session/restore-session';
import { parseTranscript, restoreSession } from '../../core/session/restore-session';
import type { TitleSource, TranscriptEntry, TranscriptSink } from '../../core/session/transcript-entry';
import { SessionIndex } from './session-index';

/** One saved session in the history list. */
export interface SessionSummary {
  sessionId: string;
  path: string;
  /** The transcript's mtime, ms since the epoch. */
  updatedAt: number;
  /** The session's title, else the first words the person typed. */
  title: string | undefined;
  /** Who gave `title`; `prompt` when it is the first words. */
  titleSource: TitleSource | 'prompt' | undefined;
  /** Everything the index knows of it. */
  summary: FoldedSummary;
}

/** A title was written to a session (by the titler or a rename). */
export interface TitleChange {
  sessionId: string;
  title: string;
  source: TitleSource;
}

const sessionIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Sessions as JSONL files, one per session, with an index for the history list. Each entry is
 * appended synchronously, one line per write, so a killed process loses at most the entry being
 * written (and restore skips a torn line).
 */
export class JsonlTranscriptStore {
  readonly #index: SessionIndex;
  readonly #titleListeners = new Set<(change: TitleChange) => void>();

  constructor(
    readonly directory: string,
    private readonly logger: Logger,
  ) {
    this.#index = new SessionIndex({
      directory,
      logger,
      sessionIdOf: (name) => {
        if (!name.endsWith('.jsonl')) return undefined;
        const id = name.slice(0, -'.jsonl'.length);
        return JsonlTranscriptStore.isValidSessionId(id) ? id : undefined;
      },
    });
  }

  static isValidSessionId(id: string): boolean {
    return sessionIdPattern.test(id);
  }

  pathOf(sessionId: string): string {
    if (!JsonlTranscriptStore.isValidSessionId(sessionId))
      throw new Error(`Invalid session id: ${sessionId}`);
    return join(this.directory, `${sessionId}.jsonl`);
  }

  /**
   * Appends to a session's transcript. A transcript a killed process left with a torn last line
   * first gets the line ended, so the next entry is not glued to the torn one and lost with it.
   */
  sink(sessionId: string): TranscriptSink {
    const path = this.pathOf(sessionId);
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    let checked = false;
    return {
      append: (entry: TranscriptEntry) => {
        try {
          const repair = checked || endsWithNewline(path) ? '' : '\n';
          checked = true;
          appendFileSync(path, `${repair}${JSON.stringify(entry)}\n`, { mode: 0o600 });
        } catch (error) {
          this.logger.error(`Could not append to session ${sessionId}`, error);
          return;
        }
        if (entry.type === 'title')
          this.#announceTitle({ sessionId, title: entry.title, source: entry.source });
      },
    };
  }

  /** undefined when no such session exists. */
  load(sessionId: string): RestoredSession | undefined {
    const lines = this.#lines(sessionId);
    return lines && restoreSession(lines);
  }

  /**
   * Rewinds a session's conversation to its first `messageCount` messages by appending a `rewind`
   * entry; the lines already written stay as they are. False when no such session exists.
   */
  rewind(sessionId: string, messageCount: number, now: number = Date.now()): boolean {
    if (!this.#lines(sessionId)) return false;
    this.sink(sessionId).append({ type: 'rewind', messageCount, timestamp: now });
    return true;
  }

  /**
   * Starts `newSessionId` from the first `messageCount` messages of `sessionId`, with the todo list
   * it had then and a title saying it is a fork. The original is not touched. Errors are values.
   */
  fork(options: {
    sessionId: string;
    messageCount: number;
    newSessionId: string;
    now?: number;
  }): { ok: true; sessionId: string } | { ok: false; message: string } {
    const lines = this.#lines(options.sessionId);
    if (!lines) return { ok: false, message: `No saved session with id ${options.sessionId}.` };
    const timestamp = options.now ?? Date.now();
    // The fork sees the history exactly as a rewind to that point would.
    const rewind: TranscriptEntry = { type: 'rewind', messageCount: options.messageCount, timestamp };
    const restored = restoreSession([...lines, JSON.stringify(rewind)]);
    const start = parseTranscript(lines).entries.find((entry) => entry.type === 'session-start');
    const first = restored.messages.find(isPrompt);
    const title = restored.title ?? (first && promptText(first).split('\n')[0]?.slice(0, 80));
    const entries: TranscriptEntry[] = [
      {
        type: 'session-start',
        sessionId: options.newSessionId,
        cwd: restored.cwd ?? '',
        model: start?.type === 'session-start' ? start.model : '',
        timestamp,
        forkedFrom: { sessionId: options.sessionId, messageCount: restored.messages.length },
      },
      ...restored.messages.map((message): TranscriptEntry => ({ type: 'message', message, timestamp })),
      ...(restored.todos.length > 0 ? [{ type: 'todos' as const, todos: restored.todos, timestamp }] : []),
      ...(title ? [{ type: 'title' as const, title: `${title} (fork)`, timestamp }] : []),
    ];
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      writeFileSync(
        this.pathOf(options.newSessionId),
        entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''),
        { mode: 0o600, flag: 'wx' },
      );
    } catch (error) {
      return {
        ok: false,
        message: `Could not write the fork: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return { ok: true, sessionId: options.newSessionId };
  }

  #lines(sessionId: string): string[] | undefined {
    if (!JsonlTranscriptStore.isValidSessionId(sessionId)) return undefined;
    try {
      return readFileSync(this.pathOf(sessionId), 'utf8').split('\n');
    } catch {
      return undefined;
    }
  }

  /** Newest first, from the index (checked against the transcripts, see SessionIndex). */
  list(): SessionSummary[] {
    return this.#index.list().map((session) => toSummary(session));
  }

  /** Refreshes the index in the background (see SessionIndex.warm); never throws. */
  warm(): Promise<void> {
    return this.#index.warm();
  }

  /** One session's summary; undefined when it has no transcript. */
  summary(sessionId: string): SessionSummary | undefined {
    if (!JsonlTranscriptStore.isValidSessionId(sessionId)) return undefined;
    const session = this.#index.get(sessionId);
    return session && toSummary(session);
  }

  /** Names a session (the person's rename, which automatic titles never replace). False if it has no transcript. */
  rename(sessionId: string, title: string, now: number = Date.now()): boolean {
    const trimmed = title.replace(/\s+/g, ' ').trim();
    if (trimmed === '' || !this.summary(sessionId)) return false;
    this.sink(sessionId).append({ type: 'title', title: trimmed, source: 'person', timestamp: now });
    return true;
  }

  /** Deletes a session's transcript for good. False when there was none. */
  delete(sessionId: string): boolean {
    if (!JsonlTranscriptStore.isValidSessionId(sessionId)) return false;
    try {
      unlinkSync(this.pathOf(sessionId));
    } catch {
      return false;
    }
    this.#index.forget(sessionId);
    return true;
  }

  /** Called after a title is written through this store; returns the unsubscribe. */
  onDidChangeTitle(listener: (change: TitleChange) => void): { dispose(): void } {
    this.#titleListeners.add(listener);
    return { dispose: () => this.#titleListeners.delete(listener) };
  }

  #announceTitle(change: { sessionId: string; title: string; source: TitleSource | undefined }): void {
    for (const listener of this.#titleListeners) {
      try {
        listener({ ...change, source: change.source ?? 'model' });
      } catch (error) {
        this.logger.error('A title listener failed', error);
      }
    }
  }
}

function toSummary(session: {
  sessionId: string;
  path: string;
  updatedAt: number;
  summary: FoldedSummary;
}): SessionSummary {
  const { summary } = session;
  return {
    sessionId: session.sessionId,
    path: session.path,
    updatedAt: session.updatedAt,
    title: displayTitle(summary),
    titleSource:
      summary.title !== undefined ? summary.titleSource : summary.firstPrompt ? 'prompt' : undefined,
    summary,
  };
}

/** True for a missing or empty file too: there is nothing to repair. */
function endsWithNewline(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return true;
  }
  if (size === 0) return true;
  const descriptor = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(descriptor, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(descriptor);
  }
}
