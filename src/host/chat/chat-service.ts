import { randomUUID } from 'node:crypto';
import type { Logger, Reviewer } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import type { ChatSummary, ModelOption, PermissionMode } from '../../protocol/chat-state';
import type { FailAction } from '../../protocol/conversation-entry';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { ChatAgentFactory } from '../agent/chat-agent';
import type { EditPreview } from './chat-questions';
import type { ChatSessionOptions } from './chat-session';
import { ChatSession } from './chat-session';
import { ConversationLog } from './conversation-log';
import { entriesFromMessages, titleFromMessages } from './transcript-entries';

type RestoredChat = NonNullable<ChatSessionOptions['restored']> & { title: string | undefined };

function storedId(session: ChatSession): string {
  return session.transcriptId ?? session.id;
}

/** What the chat service needs from the editor; all injectable for tests. */
export interface ChatServiceOptions {
  createAgent: ChatAgentFactory;
  createWriter(reviewer: Reviewer): FileWriter;
  preview: EditPreview;
  sessions: JsonlTranscriptStore;
  logger: Logger;
  post(message: HostToWebviewMessage): void;
  isTrusted(): boolean;
  workspaceRoot(): string | undefined;
  languageOf(path: string): string;
  /** Panel-wide settings shown in the header. */
  mode(): PermissionMode;
  model(): string;
  models(): Promise<ModelOption[]>;
  /** The chat shown last, kept across window reloads (workspaceState). */
  activeChat: { get(): string | undefined; set(id: string | undefined): void };
}

/**
 * The panel's chats: which one is shown, which are running, and the history on disk. Chats keep
 * running when another is shown; the webview may come and go, the service keeps everything.
 */
export class ChatService {
  readonly #sessions = new Map<string, ChatSession>();
  #activeChatId: string | undefined;
  readonly #options: ChatServiceOptions;

  constructor(options: ChatServiceOptions) {
    this.#options = options;
    this.#activeChatId = options.activeChat.get();
  }

  get activeChatId(): string | undefined {
    return this.#activeChatId;
  }

  get activeChat(): ChatSession | undefined {
    return this.#activeChatId ? this.#session(this.#activeChatId) : undefined;
  }

  /** Everything a freshly (re)loaded webview needs: state, chat list, the shown chat. */
  async sendAll(): Promise<void> {
    // The composer needs a chat to send into: start an empty one when none is shown (or the shown
    // one's transcript is gone). It reaches the disk only with its first message.
    const chat = this.activeChat ?? this.#create(randomUUID(), undefined);
    this.#activeChatId = chat.id;
    this.#options.activeChat.set(storedId(chat));
    await this.sendState();
    this.sendChats();
    this.#sendChat(chat);
  }

  async sendState(): Promise<void> {
    this.#options.post({
      type: HostMessageType.DidChangeState,
      mode: this.#options.mode(),
      model: this.#options.model(),
      models: await this.#options.models().catch(() => []),
      trusted: this.#options.isTrusted(),
      busy: this.activeChat?.busy ?? false,
    });
  }

  sendChats(): void {
    this.#options.post({
      type: HostMessageType.DidChangeChats,
      chats: this.listChats(),
      activeChatId: this.#activeChatId ?? null,
    });
  }

  /** Running and stored chats, newest first. */
  listChats(): ChatSummary[] {
    const summaries = new Map<string, ChatSummary>();
    const open = new Set([...this.#sessions.values()].map(storedId));
    for (const stored of this.#options.sessions.list()) {
      if (open.has(stored.sessionId)) continue;
      summaries.set(stored.sessionId, {
        id: stored.sessionId,
        title: stored.title ?? 'Untitled chat',
        busy: false,
        updatedAt: stored.updatedAt,
      });
    }
    for (const session of this.#sessions.values()) {
      summaries.set(session.id, {
        id: session.id,
        title: session.title || 'New chat',
        busy: session.busy,
        updatedAt: session.updatedAt,
      });
    }
    return [...summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  newChat(): ChatSession {
    const session = this.#create(randomUUID(), undefined);
    this.#show(session);
    return session;
  }

  /** false when no such chat exists. */
  openChat(chatId: string): boolean {
    const session = this.#session(chatId);
    if (!session) return false;
    this.#show(session);
    return true;
  }

  /** Sends in the given chat, or the shown one (a new one when none is shown). */
  async send(text: string, chatId?: string): Promise<void> {
    const session = (chatId ? this.#session(chatId) : this.activeChat) ?? this.newChat();
    await session.send(text);
  }

  stop(chatId?: string): void {
    (chatId ? this.#session(chatId) : this.activeChat)?.stop();
  }

  session(chatId: string): ChatSession | undefined {
    return this.#session(chatId);
  }

  fail(code: string, message: string, action?: FailAction): void {
    this.#options.post({ type: HostMessageType.DidFail, code, message, ...(action ? { action } : {}) });
  }

  /** Answers an edit preview of any chat (from the diff editor); false if none waits. */
  answerEdit(requestId: string, answer: 'accept' | 'reject'): boolean {
    return [...this.#sessions.values()].some((session) => session.answerEdit({ requestId, answer }));
  }

  /** A saved session was (re)named: the open chat takes the title, and the list shows it. */
  retitle(chatId: string, title: string): void {
    const session = this.#open(chatId);
    if (session) session.title = title;
    this.sendChats();
  }

  /**
   * Closes a chat whose saved session is being deleted: false (and nothing changes) while it runs
   * a turn. A shown chat gives way to a new, empty one.
   */
  forget(chatId: string): boolean {
    const session = this.#open(chatId);
    if (session?.busy) return false;
    if (session) {
      this.#sessions.delete(session.id);
      void session.dispose();
      if (this.#activeChatId === session.id) this.newChat();
    }
    this.sendChats();
    return true;
  }

  /** Idle chats rebuild their agent on the next message (trust, mode, model or provider changed). */
  resetIdleAgents(): void {
    for (const session of this.#sessions.values()) session.resetAgent();
  }

  dispose(): void {
    for (const session of this.#sessions.values()) void session.dispose();
  }

  #show(session: ChatSession): void {
    this.#activeChatId = session.id;
    this.#options.activeChat.set(storedId(session));
    this.#sendChat(session);
    this.sendChats();
    void this.sendState();
  }

  #sendChat(session: ChatSession): void {
    this.#options.post({
      type: HostMessageType.DidLoadChat,
      chatId: session.id,
      entries: session.log.entries,
      todos: session.log.todos,
    });
  }

  /** An open chat, by its id or by the id of the session it saves to. */
  #open(chatId: string): ChatSession | undefined {
    return (
      this.#sessions.get(chatId) ??
      [...this.#sessions.values()].find((session) => session.transcriptId === chatId)
    );
  }

  #session(chatId: string): ChatSession | undefined {
    const existing = this.#open(chatId);
    if (existing) return existing;
    if (!JsonlTranscriptStore.isValidSessionId(chatId)) return undefined;
    const stored = this.#options.sessions.load(chatId);
    if (!stored) return undefined;
    return this.#create(chatId, {
      log: new ConversationLog(entriesFromMessages(stored.messages), stored.todos),
      title: stored.title ?? titleFromMessages(stored.messages),
    });
  }

  #create(id: string, restored: RestoredChat | undefined): ChatSession {
    const session = new ChatSession({
      id,
      title: restored?.title ?? '',
      createAgent: this.#options.createAgent,
      createWriter: this.#options.createWriter,
      onDidCreateAgent: (created) => {
        if (created.id === this.#activeChatId) this.#options.activeChat.set(storedId(created));
      },
      post: this.#options.post,
      onDidChangeBusy: () => {
        this.sendChats();
        if (id === this.#activeChatId) void this.sendState();
      },
      preview: this.#options.preview,
      logger: this.#options.logger,
      isTrusted: this.#options.isTrusted,
      workspaceRoot: this.#options.workspaceRoot(),
      languageOf: this.#options.languageOf,
      ...(restored ? { restored: { log: restored.log } } : {}),
    });
    this.#sessions.set(id, session);
    return session;
  }
}
