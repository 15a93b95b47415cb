import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../core/ports';
import type { RestoredSession, TranscriptEntry, TranscriptSink } from '../../core/session/transcript-entry';
import { restoreSession } from '../../core/session/transcript-entry';

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
    let text: string;
    try {
      text = readFileSync(this.pathOf(sessionId), 'utf8');
    } catch {
      return undefined;
    }
    return restoreSession(text.split('\n'));
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
