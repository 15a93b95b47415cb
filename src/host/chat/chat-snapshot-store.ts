import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { Logger } from '../../core/ports';
import { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import { chatSnapshotSchema } from '../../protocol/chat-snapshot';

const storedChatSchema = z.object({
  version: z.literal(1),
  title: z.string(),
  updatedAt: z.number(),
  chat: chatSnapshotSchema,
});

/** A chat as saved beside its transcript: what the panel showed, its title and when it last changed. */
export type StoredChat = Omit<z.infer<typeof storedChatSchema>, 'version'>;

/**
 * How soon a change must reach the disk: `now` before the host answers the person (what they
 * typed or sent), `soon` for what the panel shows of a turn (cards, prompts), `later` for streamed
 * text and progress. A killed extension host loses at most the last 50 ms or second of those.
 */
export type SaveUrgency = 'now' | 'soon' | 'later';

/** How long a change may wait before it is written, in milliseconds. */
const delays = { soon: 50, later: 1000 };

/**
 * Saves each chat's panel snapshot as `<chat id>.panel.json` beside the transcripts, so a restarted
 * extension host shows exactly what the panel showed — and knows a turn was running when it
 * stopped. Writes are coalesced (see {@link SaveUrgency}) and atomic (a
 * temporary file renamed over the old one). Never throws; failures are logged.
 */
export class ChatSnapshotStore {
  readonly #pending = new Map<
    string,
    { read: () => StoredChat; due: number; timer: ReturnType<typeof setTimeout> }
  >();
  #closed = false;

  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
  ) {}

  /** The saved chat, or undefined when there is none or it does not validate. */
  load(chatId: string): StoredChat | undefined {
    const path = this.#path(chatId);
    if (path === undefined) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
    const parsed = storedChatSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn(`Ignored the unreadable panel snapshot ${path}`);
      return undefined;
    }
    const { version: _version, ...stored } = parsed.data;
    return stored;
  }

  /** Schedules a write of `read()` (called when it is written, so it saves the latest state). */
  save(chatId: string, read: () => StoredChat, urgency: SaveUrgency): void {
    if (this.#closed) return;
    const pending = this.#pending.get(chatId);
    if (urgency === 'now') {
      if (pending !== undefined) clearTimeout(pending.timer);
      this.#pending.delete(chatId);
      this.#write(chatId, read);
      return;
    }
    const delay = delays[urgency];
    const due = Date.now() + delay;
    // A write already due sooner keeps its time, so a steady flow of changes cannot postpone it.
    if (pending !== undefined && pending.due <= due) {
      pending.read = read;
      return;
    }
    if (pending !== undefined) clearTimeout(pending.timer);
    const timer = setTimeout(() => this.#writePending(chatId), delay);
    this.#pending.set(chatId, { read, due, timer });
  }

  /** Writes everything still pending, now. */
  flush(): void {
    for (const chatId of [...this.#pending.keys()]) this.#writePending(chatId);
  }

  /**
   * Writes what is pending and takes no more changes: what the extension host is shutting down
   * with (turns being stopped under it) must not overwrite what the panel showed while they ran.
   */
  close(): void {
    this.flush();
    this.#closed = true;
  }

  #writePending(chatId: string): void {
    const pending = this.#pending.get(chatId);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.#pending.delete(chatId);
    this.#write(chatId, pending.read);
  }

  #write(chatId: string, read: () => StoredChat): void {
    const path = this.#path(chatId);
    if (path === undefined) return;
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version: 1, ...read() }), { mode: 0o600 });
      renameSync(temporary, path);
    } catch (error) {
      this.logger.warn(`Saving the panel snapshot of chat ${chatId} failed`, error);
    }
  }

  #path(chatId: string): string | undefined {
    return JsonlTranscriptStore.isValidSessionId(chatId)
      ? join(this.directory, `${chatId}.panel.json`)
      : undefined;
  }
}
