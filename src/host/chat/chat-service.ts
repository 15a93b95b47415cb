import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Logger, Workspace } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import type { Attachment } from '../../protocol/attachment';
import type { ChatSummary, ModelOption, PermissionMode } from '../../protocol/chat-state';
import { emptyChatSnapshot } from '../../protocol/chat-snapshot';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { FailAction } from '../../protocol/wire-error';
import type { ChatAgentFactory } from '../agent/chat-agent';
import type { FixTargets } from '../actions/diagnostics-checking-writer';
import type { EditReviewer } from '../review/edit-reviewer';
import type { InlineReview } from '../review/inline/inline-review';
import type { ChatSessionOptions, ChatWriting, OutgoingChatMessage, SendOutcome } from './chat-session';
import { ChatSession } from './chat-session';
import type { ChatSnapshotStore } from './chat-snapshot-store';
import type { EditPreview } from './edit-reviews';
import { rewoundChat } from './rewound-chat';
import { entriesFromMessages, titleFromMessages } from './transcript-entries';

function storedId(session: ChatSession): string {
  return session.transcriptId ?? session.id;
}

/** What the chat service needs from the editor; all injectable for tests. */
export interface ChatServiceOptions {
  createAgent: ChatAgentFactory;
  createWriter(reviewer: EditReviewer, chat: ChatWriting, workspace?: Workspace): FileWriter;
  preview: EditPreview;
  /** Shows proposals in the editor too, hunk by hunk. */
  inline?: Pick<InlineReview, 'open' | 'onDidChange' | 'reveal'>;
  sessions: JsonlTranscriptStore;
  snapshots: ChatSnapshotStore;
  logger: Logger;
  post(message: HostToWebviewMessage): void;
  isTrusted(): boolean;
  workspaceRoot(): string | undefined;
  languageOf(path: string): string;
  /** Panel-wide settings shown in the header. */
  mode(): PermissionMode;
  model(): string;
  models(): Promise<ModelOption[]>;
  /** The context window of a model id, in tokens, for the meter. */
  contextWindow(model: string): number;
  /** The chat shown last, kept across window reloads (workspaceState). */
  activeChat: { get(): string | undefined; set(id: string | undefined): void };
  /** Whether the shown chat runs a turn, for the editor (the `tandem.busy` context key). */
  setBusy(busy: boolean): void;
}

/**
 * The panel's chats: which one is shown, which are running, and the history on disk. Chats keep
 * running when another is shown; the webview may come and go, the service keeps everything.
 */
export class ChatService {
  readonly #sessions = new Map<string, ChatSession>();
  #activeChatId: string | undefined;
  #lastTime = 0;
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

  /**
   * Everything a freshly (re)loaded webview needs: the chat list, the shown chat whole (pending
   * prompts, previews and the queue included), then the settings. The chat goes first: the model
   * list may take a while (the editor's language models), and the composer needs its chat.
   */
  async sendAll(): Promise<void> {
    this.#show(this.#ensureActive(), false);
    await this.sendState();
  }

  async sendState(): Promise<void> {
    this.#options.post({
      type: HostMessageType.DidChangeState,
      mode: this.#options.mode(),
      model: this.#options.model(),
      models: await this.#options.models().catch(() => []),
      trusted: this.#options.isTrusted(),
    });
  }

  sendChats(): void {
    this.#options.post({
      type: HostMessageType.DidChangeChats,
      chats: this.listChats(),
      activeChatId: this.#activeChatId ?? null,
    });
  }

  /** Running and stored chats, most recently changed first. */
  listChats(): ChatSummary[] {
    const summaries = new Map<string, ChatSummary>();
    const open = new Set([...this.#sessions.values()].map(storedId));
    for (const stored of this.#options.sessions.list()) {
      if (open.has(stored.sessionId)) continue;
      const { sessionId: id, updatedAt } = stored;
      summaries.set(id, { id, title: stored.title ?? 'Untitled chat', busy: false, updatedAt });
    }
    for (const session of this.#sessions.values()) {
      const { id, busy, updatedAt } = session;
      summaries.set(id, { id, title: session.title || 'New chat', busy, updatedAt });
    }
    return [...summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  newChat(): ChatSession {
    const session = this.#create(randomUUID(), undefined);
    this.#show(session, true);
    return session;
  }

  /** false when no such chat exists. */
  openChat(chatId: string): boolean {
    const session = this.#session(chatId);
    if (!session) return false;
    this.#show(session, true);
    return true;
  }

  /** Sends in the given chat, or the shown one (a new one when none is shown). Never throws. */
  async send(message: OutgoingChatMessage, chatId?: string): Promise<SendOutcome> {
    const session = chatId === undefined ? this.#ensureActive() : this.#session(chatId);
    if (session === undefined) {
      return {
        disposition: 'failed',
        error: { code: 'unknown-chat', message: 'That chat no longer exists.' },
      };
    }
    return session.send(message);
  }

  /**
   * Starts a task from the editor ("Fix with Tandem", "Explain with Tandem") and shows its chat:
   * a new chat, or with `current` the shown one when it is idle. `targets` are the problems to
   * check again after each accepted write. Resolves once the task is under way (or failed to start).
   */
  async startEditorTask(
    task: { message: OutgoingChatMessage; targets: FixTargets | undefined },
    placement: 'new' | 'current',
  ): Promise<SendOutcome> {
    const shown = this.activeChat;
    const session = placement === 'current' && shown !== undefined && !shown.busy ? shown : this.newChat();
    if (session === shown) this.#show(session, true);
    session.setFixTargets(task.targets);
    return session.send(task.message);
  }

  stop(chatId?: string): void {
    (chatId ? this.#session(chatId) : this.activeChat)?.stop();
  }

  session(chatId: string): ChatSession | undefined {
    return this.#session(chatId);
  }

  /** True when the chat (by its id or its transcript's) is open here and runs a turn. */
  isBusy(chatId: string): boolean {
    const open =
      this.#sessions.get(chatId) ??
      [...this.#sessions.values()].find((session) => session.transcriptId === chatId);
    return open?.busy ?? false;
  }

  /**
   * The chat's transcript was rewound to before the message that took `checkpointId`: its rows,
   * todos and agent follow, and `prompt` is offered in the composer. False when the chat runs.
   */
  didRewind(chatId: string, checkpointId: number | undefined, prompt: string): boolean {
    const session = this.#session(chatId);
    const transcript = this.#options.sessions.load(session ? storedId(session) : chatId);
    if (!session || !transcript) return false;
    const rewound = session.rewound(rewoundChat(session.snapshot, transcript, checkpointId), prompt);
    if (rewound) this.sendChats();
    return rewound;
  }

  /** Adds an attachment to a chat's composer (the shown chat's by default, started if need be). */
  attach(attachment: Attachment, chatId?: string): void {
    (chatId === undefined ? this.#ensureActive() : this.#session(chatId))?.attach(attachment);
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
      this.#options.snapshots.discard(session.id);
      if (this.#activeChatId === session.id) this.newChat();
    }
    this.#options.snapshots.discard(chatId);
    this.sendChats();
    return true;
  }

  /** Idle chats rebuild their agent on the next message (trust, mode, model or provider changed). */
  resetIdleAgents(): void {
    for (const session of this.#sessions.values()) session.resetAgent();
  }

  /**
   * Writes every snapshot as it is, then stops every turn: the next extension host finds the
   * turns that were running and shows them as interrupted (a shutdown is one), not as stopped.
   */
  dispose(): void {
    this.#options.snapshots.close();
    for (const session of this.#sessions.values()) void session.dispose();
  }

  /** The shown chat; an empty one when there is none (or its files are gone), under the id the editor remembers. */
  #ensureActive(): ChatSession {
    const existing = this.activeChat;
    if (existing !== undefined) return existing;
    const remembered = this.#activeChatId;
    const id = remembered && JsonlTranscriptStore.isValidSessionId(remembered) ? remembered : randomUUID();
    const session = this.#create(id, undefined);
    this.#activeChatId = session.id;
    return session;
  }

  #show(session: ChatSession, sendState: boolean): void {
    this.#activeChatId = session.id;
    this.#options.activeChat.set(storedId(session));
    this.#options.setBusy(session.busy);
    this.sendChats();
    this.#options.post({ type: HostMessageType.DidLoadChat, chatId: session.id, chat: session.snapshot });
    if (sendState) void this.sendState();
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
    const saved = this.#options.snapshots.load(chatId);
    const transcript = this.#options.sessions.load(chatId);
    if (!saved && !transcript) return undefined;
    const chat = saved?.chat ?? {
      ...emptyChatSnapshot(),
      entries: entriesFromMessages(transcript?.messages ?? [], {
        checkpoints: transcript?.checkpoints ?? [],
        compactions: transcript?.compactions ?? [],
      }),
      todos: [...(transcript?.todos ?? [])],
    };
    // A title from the small model or a rename outranks the first words the snapshot kept.
    const indexed = transcript === undefined ? undefined : this.#options.sessions.summary(chatId);
    const named = indexed?.titleSource === 'prompt' ? undefined : indexed?.title;
    const title = named ?? saved?.title ?? titleFromMessages(transcript?.messages ?? []) ?? '';
    return this.#create(chatId, {
      title,
      restored: {
        chat,
        // Opening a chat does not change it: it keeps its place in the history.
        updatedAt: saved?.updatedAt ?? statSync(this.#options.sessions.pathOf(chatId)).mtimeMs,
        resume: transcript !== undefined,
      },
    });
  }

  #create(id: string, restored: Pick<ChatSessionOptions, 'title' | 'restored'> | undefined): ChatSession {
    const options = this.#options;
    const session = new ChatSession({
      id,
      title: restored?.title ?? '',
      createAgent: options.createAgent,
      createWriter: options.createWriter,
      onDidCreateAgent: (created) => {
        if (created.id === this.#activeChatId) options.activeChat.set(storedId(created));
      },
      post: options.post,
      onDidChange: (changed, urgency) => {
        const stored = () => ({ title: changed.title, updatedAt: changed.updatedAt, chat: changed.snapshot });
        options.snapshots.save(changed.id, stored, urgency);
      },
      onDidChangeBusy: () => {
        this.sendChats();
        if (id === this.#activeChatId) options.setBusy(session.busy);
      },
      preview: options.preview,
      ...(options.inline ? { inline: options.inline } : {}),
      logger: options.logger,
      isTrusted: options.isTrusted,
      workspaceRoot: options.workspaceRoot(),
      languageOf: options.languageOf,
      contextWindow: options.contextWindow,
      now: () => this.#now(),
      ...(restored?.restored ? { restored: restored.restored } : {}),
    });
    this.#sessions.set(id, session);
    return session;
  }

  /** Epoch milliseconds, strictly increasing, so two chats changed in the same millisecond still sort. */
  #now(): number {
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    return this.#lastTime;
  }
}
