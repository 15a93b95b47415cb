import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../core/ports';
import type { RestoredSession, TranscriptEntry, TranscriptSink } from '../../core/session/transcript-entry';
import { parseTranscript, restoreSession } from '../../core/session/transcript-entry';

/** The user's data directory for sessions: $TANDEM_HOME/sessions, else ~/.tandem/sessions. */
export function defaultSessionsDirectory(env: Record<string, string | undefined> = process.env): string {
  return join(env.TANDEM_HOME ?? join(homedir(), '.tandem'), 'sessions');
}

export interface SessionSummary {
  sessionId: string;
  path: string;
  updatedAt: number;
  title: string | undefined;
}

const sessionIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Sessions as JSONL files, one per session. Each entry is appended synchronously, one line per
 * write, so a killed process loses at most the entry being written (and restore skips a torn line).
 */
export class JsonlTranscriptStore {
  constructor(
    readonly directory: string,
    private readonly logger: Logger,
  ) {}

  static isValidSessionId(id: string): boolean {
    return sessionIdPattern.test(id);
  }

  pathOf(sessionId: string): string {
    if (!JsonlTranscriptStore.isValidSessionId(sessionId))
      throw new Error(`Invalid session id: ${sessionId}`);
    return join(this.directory, `${sessionId}.jsonl`);
  }

  sink(sessionId: string): TranscriptSink {
    const path = this.pathOf(sessionId);
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    return {
      append: (entry: TranscriptEntry) => {
        try {
          appendFileSync(path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
        } catch (error) {
          this.logger.error(`Could not append to session ${sessionId}`, error);
        }
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
    const title = restored.title ?? firstUserText(restored);
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
        {
          mode: 0o600,
          flag: 'wx',
        },
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

  /** Newest first. */
  list(): SessionSummary[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => {
        const sessionId = name.slice(0, -'.jsonl'.length);
        const path = join(this.directory, name);
        const restored = this.load(sessionId);
        return {
          sessionId,
          path,
          updatedAt: statSync(path).mtimeMs,
          title: restored?.title ?? firstUserText(restored),
        };
      })
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }
}

function firstUserText(restored: RestoredSession | undefined): string | undefined {
  const first = restored?.messages.find((message) => message.role === 'user' && !message.synthetic);
  const block = first?.content.find((part) => part.type === 'text');
  return block?.type === 'text' ? block.text.slice(0, 80) : undefined;
}
