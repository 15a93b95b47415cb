import { existsSync } from 'node:fs';
import { sessionToMarkdown } from '../../core/session/session-markdown';
import { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import type { SessionMatch } from '../../node/session/session-search';
import { searchSessions } from '../../node/session/session-search';
import type { ChatSummary } from '../../protocol/chat-state';
import type { ChatService } from '../chat/chat-service';
import type { ChatSnapshotStore } from '../chat/chat-snapshot-store';

/** One chat a search found: its row in the list and the text around the match, if in the conversation. */
export interface ChatMatch {
  chat: ChatSummary;
  /** Undefined for a title match. */
  snippet: string | undefined;
}

/** An action's outcome, with a sentence for the person when it did not happen. */
export type HistoryOutcome = { ok: true } | { ok: false; message: string };

/** What the history works with; `removeFile` lets the editor move a transcript to the trash. */
export interface ChatHistoryOptions {
  store: JsonlTranscriptStore;
  /** The panel snapshots saved beside the transcripts; a deleted chat's goes too. */
  snapshots: ChatSnapshotStore;
  chats: ChatService;
  /** Deletes the file at `path`; the editor moves it to the OS trash, so a deletion can be undone. */
  removeFile(path: string): Promise<void>;
}

/**
 * The history of this workspace's chats behind the editor's commands (and, once the panel has
 * them, its history list): search over titles and conversations, rename, delete, export as
 * Markdown, reopen. Saved sessions and the chats open in the panel are one list.
 */
export class ChatHistory {
  readonly #options: ChatHistoryOptions;

  constructor(options: ChatHistoryOptions) {
    this.#options = options;
  }

  /** Every chat, most recent first. */
  list(): ChatSummary[] {
    return this.#options.chats.listChats();
  }

  /**
   * Chats whose title or conversation contains `query` (case-insensitive), most recent first:
   * open chats and saved titles at once, then conversations as their transcripts are read.
   */
  async search(
    query: string,
    options: { signal?: AbortSignal; onMatch?(match: ChatMatch): void } = {},
  ): Promise<ChatMatch[]> {
    const needle = query.trim().toLowerCase();
    const chats = new Map(this.list().map((chat) => [chat.id, chat]));
    const matches: ChatMatch[] = [];
    const found = (match: ChatMatch) => {
      if (matches.some((existing) => existing.chat.id === match.chat.id)) return;
      matches.push(match);
      options.onMatch?.(match);
    };
    for (const chat of chats.values())
      if (chat.title.toLowerCase().includes(needle)) found({ chat, snippet: undefined });
    const toChat = (match: SessionMatch): ChatMatch | undefined => {
      const chat = chats.get(match.session.sessionId);
      return chat && { chat, snippet: match.where === 'content' ? match.snippet : undefined };
    };
    await searchSessions(this.#options.store, query, {
      ...(options.signal ? { signal: options.signal } : {}),
      limit: 200,
      onMatch: (match) => {
        const chat = toChat(match);
        if (chat) found(chat);
      },
    });
    return matches;
  }

  /** Names a chat; the person's title is kept over any automatic one. */
  rename(chatId: string, title: string): HistoryOutcome {
    const trimmed = title.replace(/\s+/g, ' ').trim();
    if (trimmed === '') return { ok: false, message: 'A title cannot be empty.' };
    if (!this.#options.store.rename(chatId, trimmed))
      return { ok: false, message: 'This chat is not saved yet: send a message first.' };
    // The store announces the title; the chat service takes it from there (see TandemHost).
    return { ok: true };
  }

  /** Deletes a chat, its saved session and its panel snapshot; refused while the chat is running a turn. */
  async delete(chatId: string): Promise<HistoryOutcome> {
    if (!JsonlTranscriptStore.isValidSessionId(chatId)) return { ok: false, message: 'No such chat.' };
    if (!this.#options.chats.forget(chatId))
      return { ok: false, message: 'This chat is still working. Stop it first.' };
    const files = [this.#options.store.pathOf(chatId), this.#options.snapshots.discard(chatId)];
    for (const file of files)
      if (file !== undefined && existsSync(file)) await this.#options.removeFile(file);
    this.#options.chats.sendChats();
    return { ok: true };
  }

  /** The chat as Markdown; undefined when it has no saved session. */
  exportMarkdown(chatId: string): string | undefined {
    const { store } = this.#options;
    const restored = JsonlTranscriptStore.isValidSessionId(chatId) ? store.load(chatId) : undefined;
    const summary = store.summary(chatId);
    if (!restored || !summary) return undefined;
    return sessionToMarkdown(restored.messages, {
      title: summary.title ?? 'Untitled chat',
      ...(summary.summary.createdAt === undefined ? {} : { startedAt: summary.summary.createdAt }),
      ...(summary.summary.model === undefined ? {} : { model: summary.summary.model }),
      ...(restored.cwd === undefined ? {} : { cwd: restored.cwd }),
    });
  }

  /** Shows a chat in the panel, resuming its saved session on the next message. */
  open(chatId: string): boolean {
    return this.#options.chats.openChat(chatId);
  }
}
