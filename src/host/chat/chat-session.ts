import { wrapSystemReminder } from '../../core/context/reminders';
import { describeDiagnostic } from '../../core/diagnostics/reported-diagnostic';
import type { UserBlock } from '../../core/messages/message';
import type { Logger, Workspace } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import { type Attachment, sameAttachment } from '../../protocol/attachment';
import type { ChatSnapshot, QueuedMessage } from '../../protocol/chat-snapshot';
import type { MessageContext } from '../../protocol/conversation-entry';
import { emptyChatSnapshot } from '../../protocol/chat-snapshot';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import { reduceChat } from '../../protocol/reduce-chat';
import type { AnswerEditCommand, AnswerPermissionCommand } from '../../protocol/webview-commands';
import type { WireError } from '../../protocol/wire-error';
import type { DiagnosticsCheck, FixTargets } from '../actions/diagnostics-checking-writer';
import type { ChatAgent, ChatAgentFactory } from '../agent/chat-agent';
import type { EditReviewer } from '../review/edit-reviewer';
import type { InlineReview } from '../review/inline/inline-review';
import type { SaveUrgency } from './chat-snapshot-store';
import type { EditPreview } from './edit-reviews';
import { EditReviews } from './edit-reviews';
import { interruptionNotice } from './interruption-notice';
import { MessageQueue } from './message-queue';
import { PermissionPrompts } from './permission-prompts';
import { parseCompactCommand } from '../../core/agent/compact-command';
import { promptText } from './prompt-text';
import { runCompaction } from './run-compaction';
import { runTurn } from './run-turn';

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  id: string;
  title: string;
  createAgent: ChatAgentFactory;
  /**
   * The writer that shows edits for review (and, in a "Fix with Tandem" chat, reports what the
   * editor says after each); over `workspace` when given (the agent's checkpointing one).
   */
  createWriter(reviewer: EditReviewer, chat: ChatWriting, workspace?: Workspace): FileWriter;
  /** Shows proposals in the editor too, hunk by hunk. */
  inline?: Pick<InlineReview, 'open' | 'onDidChange' | 'reveal'>;
  /** The agent's transcript id became known (it names the saved session). */
  onDidCreateAgent(session: ChatSession): void;
  post(message: ChatMessage): void;
  /** The snapshot changed; how soon that must be saved. */
  onDidChange(session: ChatSession, urgency: SaveUrgency): void;
  onDidChangeBusy(): void;
  preview: EditPreview;
  logger: Logger;
  isTrusted(): boolean;
  workspaceRoot: string | undefined;
  languageOf(path: string): string;
  /** The context window of a model id, in tokens. */
  contextWindow(model: string): number;
  /** Epoch milliseconds, strictly increasing across calls (orders the history list). */
  now(): number;
  /** A chat reopened after a reload or restart: its snapshot, when it last changed, and whether a transcript exists to resume. */
  restored?: { chat: ChatSnapshot; updatedAt: number; resume: boolean };
}

/** What a chat's writer may ask of it: the problems its task fixes, and where to report the editor's verdict. */
export interface ChatWriting {
  chatId: string;
  /** Set while the chat runs a "Fix with Tandem" task. */
  fixTargets(): FixTargets | undefined;
  didCheckDiagnostics(check: DiagnosticsCheck): void;
}

/** A message to send: its id (from the webview) becomes the id of its row. */
export interface OutgoingChatMessage {
  id: string;
  text: string;
  attachments: Attachment[];
  /**
   * What goes with the person's words without being theirs (the problem of "Fix with Tandem"):
   * the model gets each as a `<system-reminder>`, the panel shows them folded under the message.
   */
  context?: MessageContext[];
}

/** The prompt of a message: its text and `@` lines, then each piece of context as a reminder. */
function promptOf(message: OutgoingChatMessage): string | UserBlock[] {
  const text = promptText(message.text, message.attachments);
  if (!message.context?.length) return text;
  return [
    { type: 'text', text },
    ...message.context.map((context): UserBlock => ({
      type: 'text',
      text: wrapSystemReminder(context.text),
    })),
  ];
}

/** What became of a message: a turn `started` (resolving when it ends), `queued`, or `failed`. */
export type SendOutcome =
  | { disposition: 'started'; turn: Promise<void> }
  | { disposition: 'queued' }
  | { disposition: 'failed'; error: WireError };

/** What the person typed or sent is saved before the host answers them; streamed text may lag a second. */
function urgencyOf(message: ChatMessage): SaveUrgency {
  switch (message.type) {
    case HostMessageType.DidAppendMessage:
    case HostMessageType.DidStartTurn:
    case HostMessageType.DidChangeQueue:
    case HostMessageType.DidChangeDraft:
    case HostMessageType.DidRewindChat:
      return 'now';
    case HostMessageType.DidStreamText:
    case HostMessageType.DidUpdateTool:
      return 'later';
    default:
      return 'soon';
  }
}

/**
 * One conversation: its agent, its running turn, its queue, and the questions it waits on. What
 * the panel shows is one `ChatSnapshot`, kept with the same reducer the webview uses, so a new
 * webview gets exactly the live state — pending prompts and previews included — and can answer them.
 */
export class ChatSession {
  readonly id: string;
  title: string;
  updatedAt: number;
  /** The saved session this chat continues, once it has one. */
  transcriptId: string | undefined;
  #chat: ChatSnapshot;
  #agent: { agent: ChatAgent; dispose(): Promise<void> } | undefined;
  #abort: AbortController | undefined;
  #retryAt: number | undefined;
  #nextRequest = 0;
  /** Request ids stay unique across restarts: a reopened chat keeps the rows of earlier ones. */
  readonly #requestPrefix = Date.now().toString(36);
  readonly #prompts: PermissionPrompts;
  readonly #edits: EditReviews;
  readonly #queue: MessageQueue;
  readonly #options: ChatSessionOptions;
  #fixTargets: FixTargets | undefined;

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.id = options.id;
    this.title = options.title;
    this.updatedAt = options.restored?.updatedAt ?? options.now();
    this.transcriptId = options.restored?.resume ? options.id : undefined;
    this.#chat = options.restored?.chat ?? emptyChatSnapshot();
    const questions = {
      chatId: options.id,
      emit: (message: ChatMessage) => this.#emit(message),
      requestId: (prefix: string) => this.#requestId(prefix),
      turnSignal: () => this.#abort?.signal,
    };
    this.#prompts = new PermissionPrompts(questions);
    this.#edits = new EditReviews({ ...questions, ...options, chatId: options.id });
    this.#queue = new MessageQueue({
      chatId: options.id,
      chat: () => this.#chat,
      emit: (message) => this.#emit(message),
    });
    // A snapshot that says a turn runs was saved by an extension host that stopped under it.
    if (this.#chat.busy) this.#interrupt();
  }

  /** The chat as the panel shows it; a scheduled retry counts down from now. */
  get snapshot(): ChatSnapshot {
    const { retry } = this.#chat;
    if (retry === null || this.#retryAt === undefined) return this.#chat;
    return { ...this.#chat, retry: { ...retry, delayMs: Math.max(0, this.#retryAt - Date.now()) } };
  }

  get busy(): boolean {
    return this.#abort !== undefined;
  }

  /** Sends the message, or queues it behind the running turn. Never throws. */
  async send(message: OutgoingChatMessage): Promise<SendOutcome> {
    if (this.#chat.entries.some((entry) => entry.kind === 'user' && entry.id === message.id)) {
      return { disposition: 'started', turn: Promise.resolve() };
    }
    if (this.#chat.queue.some((queued) => queued.id === message.id)) return { disposition: 'queued' };
    if (this.busy) {
      this.#queue.push(message);
      this.#consumeDraft(message.attachments);
      return { disposition: 'queued' };
    }
    return this.#start(message);
  }

  /** Stops the turn. Queued messages are kept, not sent. */
  stop(): void {
    this.#abort?.abort();
  }

  answerPermission(command: AnswerPermissionCommand): boolean {
    return this.#prompts.answer(command);
  }

  /** Answers every edit still waiting (Accept all / Reject all of the panel). */
  answerAllEdits(answer: 'accept' | 'reject'): number {
    return this.#edits.answerAll(answer);
  }

  /** Shows an edit in the editor at its first waiting hunk; false when it is not reviewed there. */
  reviewInEditor(requestId: string): Promise<boolean> {
    return this.#edits.reveal(requestId);
  }

  /**
   * The problems the chat's next turns fix ("Fix with Tandem"): after each accepted write the
   * editor's diagnostics of that file are read again and reported. Replaces earlier targets.
   */
  setFixTargets(targets: FixTargets | undefined): void {
    this.#fixTargets = targets;
  }

  /** Answers an edit preview, from the panel or from the diff editor; false if none waits. */
  answerEdit(command: Pick<AnswerEditCommand, 'requestId' | 'answer' | 'reason'>): boolean {
    return this.#edits.answer(command.requestId, command.answer, command.reason);
  }

  /** The composer's text, as typed in the webview; kept, not echoed back. */
  changeDraftText(text: string): void {
    this.#chat = reduceChat(this.#chat, {
      type: HostMessageType.DidChangeDraft,
      chatId: this.id,
      draft: { ...this.#chat.draft, text },
    });
    this.#options.onDidChange(this, 'later');
  }

  /** Adds an attachment to the composer (from the panel or an editor command); no duplicates. */
  attach(attachment: Attachment): void {
    const { draft } = this.#chat;
    if (draft.attachments.some((existing) => sameAttachment(existing, attachment))) return;
    this.#emit({
      type: HostMessageType.DidChangeDraft,
      chatId: this.id,
      draft: { ...draft, attachments: [...draft.attachments, attachment] },
    });
  }

  removeAttachment(attachment: Attachment): void {
    const { draft } = this.#chat;
    const attachments = draft.attachments.filter((existing) => !sameAttachment(existing, attachment));
    this.#emit({ type: HostMessageType.DidChangeDraft, chatId: this.id, draft: { ...draft, attachments } });
  }

  /** Edits or removes a queued message; an error when it was already sent. */
  changeQueued(
    messageId: string,
    change: { action: 'edit'; text: string } | { action: 'remove' },
  ): WireError | undefined {
    return this.#queue.change(messageId, change);
  }

  /** Sends the first queued message now, when the queue was held by a stop, failure or restart. */
  sendQueued(): void {
    const next = this.busy ? undefined : this.#queue.release();
    if (next !== undefined) void this.#startQueued(next);
  }

  /** Drops an idle chat's agent: the next message builds one with the current trust, mode and model. */
  resetAgent(): boolean {
    if (this.busy || !this.#agent) return false;
    void this.#agent.dispose();
    this.#agent = undefined;
    return true;
  }

  /**
   * Shows the chat as its rewound transcript now has it (`chat`, from `rewoundChat`) and drops the
   * agent, so the next message resumes from the rewound history. False while a turn runs.
   */
  rewound(chat: ChatSnapshot, prompt: string): boolean {
    if (this.busy) return false;
    this.resetAgent();
    this.#emit({ type: HostMessageType.DidRewindChat, chatId: this.id, chat, prompt });
    return true;
  }

  /** Stops the turn and releases the agent's processes. */
  async dispose(): Promise<void> {
    this.stop();
    await this.#agent?.dispose();
  }

  async #start(message: OutgoingChatMessage): Promise<SendOutcome> {
    const abort = new AbortController();
    this.#abort = abort;
    const agent = await this.#ensureAgent();
    if (!agent.ok) {
      this.#abort = undefined;
      this.#queue.hold('failed');
      return { disposition: 'failed', error: agent.error };
    }
    if (this.title === '') this.title = message.text.slice(0, 80);
    const { id, text, attachments, context } = message;
    this.#emit({
      type: HostMessageType.DidAppendMessage,
      chatId: this.id,
      entry: { kind: 'user', id, text, attachments, ...(context?.length ? { context } : {}) },
    });
    this.#consumeDraft(attachments);
    this.#emit({ type: HostMessageType.DidStartTurn, chatId: this.id });
    this.#options.onDidChangeBusy();
    return { disposition: 'started', turn: this.#run(agent.agent, message, abort.signal) };
  }

  async #startQueued(message: QueuedMessage): Promise<void> {
    const outcome = await this.#start(message);
    if (outcome.disposition === 'failed') {
      // Nobody waits for this reply: the message goes back to the head of the queue and the chat says why.
      this.#queue.restore(message);
      this.#emit({ type: HostMessageType.DidFail, chatId: this.id, ...outcome.error });
    }
  }

  async #run(agent: ChatAgent, message: OutgoingChatMessage, signal: AbortSignal): Promise<void> {
    let reason: 'completed' | 'stopped' | 'failed' = 'failed';
    try {
      const emit = (event: ChatMessage) => this.#emit(event);
      const compact = parseCompactCommand(message.text);
      const ended = compact
        ? await runCompaction({ chatId: this.id, agent, instructions: compact.instructions, signal, emit })
        : await runTurn({
            chatId: this.id,
            entryId: message.id,
            agent,
            prompt: promptOf(message),
            signal,
            emit,
            contextWindow: this.#options.contextWindow,
          });
      reason = ended === 'completed' ? 'completed' : ended === 'aborted' ? 'stopped' : 'failed';
    } catch (error) {
      this.#options.logger.error(`chat ${this.id}: turn failed`, error);
      this.#emit({
        type: HostMessageType.DidFail,
        chatId: this.id,
        code: 'internal',
        message: String(error),
      });
      const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
      this.#emit({ type: HostMessageType.DidEndTurn, chatId: this.id, usage, terminalReason: 'model_error' });
    } finally {
      this.#prompts.clear();
      this.#edits.clear();
      this.#abort = undefined;
      this.#options.onDidChangeBusy();
    }
    if (reason !== 'completed') {
      this.#queue.hold(reason);
      return;
    }
    const next = this.#queue.next();
    if (next !== undefined) await this.#startQueued(next);
  }

  async #ensureAgent(): Promise<{ ok: true; agent: ChatAgent } | { ok: false; error: WireError }> {
    if (this.#agent) return { ok: true, agent: this.#agent.agent };
    const result = await this.#options.createAgent({
      approver: this.#prompts.approver,
      writer: this.#options.createWriter(this.#edits, this.#writing),
      writerFor: (workspace) => this.#options.createWriter(this.#edits, this.#writing, workspace),
      trusted: this.#options.isTrusted(),
      sessionId: this.id,
      ...(this.transcriptId ? { resume: this.transcriptId } : {}),
    });
    if (!result.ok) {
      const { code, message, action } = result;
      return { ok: false, error: { code, message, ...(action ? { action } : {}) } };
    }
    this.#agent = { agent: result.agent, dispose: result.dispose };
    if (this.transcriptId !== result.sessionId) {
      this.transcriptId = result.sessionId;
      this.#options.onDidCreateAgent(this);
    }
    return { ok: true, agent: result.agent };
  }

  /** A sent message takes its attachments out of the draft; the text was the composer's, now empty. */
  /** What the writer needs of this chat: where to report the editor's verdict on a fix. */
  get #writing(): ChatWriting {
    return {
      chatId: this.id,
      fixTargets: () => this.#fixTargets,
      didCheckDiagnostics: ({ path, outcome }) =>
        this.#emit({
          type: HostMessageType.DidCheckDiagnostics,
          chatId: this.id,
          path,
          fixed: outcome.fixed.map(describeDiagnostic),
          stillFailing: outcome.stillFailing.map(describeDiagnostic),
          newProblems: outcome.newProblems.map(describeDiagnostic),
          settled: outcome.settled,
        }),
    };
  }

  #consumeDraft(sent: readonly Attachment[]): void {
    const { draft } = this.#chat;
    const attachments = draft.attachments.filter((kept) => !sent.some((used) => sameAttachment(used, kept)));
    if (draft.text === '' && attachments.length === draft.attachments.length) return;
    this.#emit({ type: HostMessageType.DidChangeDraft, chatId: this.id, draft: { text: '', attachments } });
  }

  #interrupt(): void {
    this.#chat = reduceChat(this.#chat, {
      type: HostMessageType.DidInterruptTurn,
      chatId: this.id,
      message: interruptionNotice(this.#chat),
    });
    this.#queue.hold('interrupted');
    this.#options.onDidChange(this, 'now');
  }

  #requestId(prefix: string): string {
    this.#nextRequest += 1;
    return `${prefix}-${this.#requestPrefix}-${this.#nextRequest}`;
  }

  #emit(message: ChatMessage): void {
    this.#chat = reduceChat(this.#chat, message);
    if (message.type === HostMessageType.DidRetry) this.#retryAt = Date.now() + message.delayMs;
    this.updatedAt = this.#options.now();
    this.#options.post(message);
    this.#options.onDidChange(this, urgencyOf(message));
  }
}
