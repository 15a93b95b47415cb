import type { Approver, Logger, Reviewer } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerEditCommand, AnswerPermissionCommand } from '../../protocol/webview-commands';
import type { ChatAgent, ChatAgentFactory, ChatAgentRequest } from '../agent/chat-agent';
import type { EditPreview } from './chat-questions';
import { ChatQuestions } from './chat-questions';
import { ConversationLog } from './conversation-log';
import { mapLoopEvent } from './loop-event-mapper';

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  id: string;
  title: string;
  createAgent: ChatAgentFactory;
  createWriter(reviewer: Reviewer): FileWriter;
  /** The agent's transcript id became known (it names the saved session). */
  onDidCreateAgent(session: ChatSession): void;
  post(message: HostToWebviewMessage): void;
  onDidChangeBusy(): void;
  preview: EditPreview;
  logger: Logger;
  isTrusted(): boolean;
  workspaceRoot: string | undefined;
  languageOf(path: string): string;
  /** A saved session reopened: its rows; the agent resumes the transcript named by the chat id. */
  restored?: { log: ConversationLog };
}

/**
 * One conversation in the panel: its agent, its running turn and the questions it waits on.
 * Several sessions may run at once; switching the panel to another chat never stops this one.
 */
export class ChatSession {
  readonly id: string;
  title: string;
  updatedAt = Date.now();
  readonly log: ConversationLog;
  #agent: ChatAgent | undefined;
  #disposeAgent: (() => Promise<void>) | undefined;
  /** The saved session this chat continues; the chat id itself for a reopened chat. */
  transcriptId: string | undefined;
  #abort: AbortController | undefined;
  readonly #questions: ChatQuestions;
  readonly #options: ChatSessionOptions;

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.id = options.id;
    this.title = options.title;
    this.log = options.restored?.log ?? new ConversationLog();
    this.transcriptId = options.restored ? options.id : undefined;
    this.#questions = new ChatQuestions({
      chatId: options.id,
      emit: (message) => this.#emit(message),
      preview: options.preview,
      workspaceRoot: options.workspaceRoot,
      languageOf: options.languageOf,
      turnSignal: () => this.#abort?.signal,
    });
  }

  /** The panel's permission prompt, as the core's Approver. */
  get approver(): Approver {
    return this.#questions.approver;
  }

  /**
   * Drops an idle chat's agent so the next message builds a new one from the transcript, with the
   * current trust, mode and model. A running chat keeps its agent; returns whether it was dropped.
   */
  resetAgent(): boolean {
    if (this.busy || !this.#agent) return false;
    this.#agent = undefined;
    void this.#disposeAgent?.();
    this.#disposeAgent = undefined;
    return true;
  }

  /** Stops the turn and releases the agent's processes. */
  async dispose(): Promise<void> {
    this.stop();
    await this.#disposeAgent?.();
  }

  get busy(): boolean {
    return this.#abort !== undefined;
  }

  /** Runs one turn for the person's message. Resolves when the turn ended (any reason). */
  async send(text: string): Promise<void> {
    if (this.busy) {
      this.#emit({
        type: HostMessageType.DidFail,
        chatId: this.id,
        code: 'busy',
        message: 'This chat is still working. Stop it or wait.',
      });
      return;
    }
    if (this.log.entries.length === 0) this.title = text.slice(0, 80);
    this.#emit({
      type: HostMessageType.DidAppendMessage,
      chatId: this.id,
      entry: { kind: 'user', id: this.log.newId('user'), text, attachments: [] },
    });
    const abort = new AbortController();
    this.#abort = abort;
    this.#options.onDidChangeBusy();
    try {
      const agent = await this.#ensureAgent();
      if (agent) await this.#runTurn(agent, text, abort.signal);
    } catch (error) {
      this.#options.logger.error(`chat ${this.id}: turn failed`, error);
      this.#emit({
        type: HostMessageType.DidFail,
        chatId: this.id,
        code: 'internal',
        message: String(error),
      });
    } finally {
      this.#questions.clear();
      this.#abort = undefined;
      this.updatedAt = Date.now();
      this.#options.onDidChangeBusy();
    }
  }

  stop(): void {
    this.#abort?.abort();
  }

  answerPermission(command: AnswerPermissionCommand): boolean {
    return this.#questions.answerPermission(command);
  }

  /** Answers an edit preview, from the panel or from the diff editor; false if none waits. */
  answerEdit(command: Pick<AnswerEditCommand, 'requestId' | 'answer' | 'reason'>): boolean {
    return this.#questions.answerEdit(command.requestId, command.answer, command.reason);
  }

  async #ensureAgent(): Promise<ChatAgent | undefined> {
    if (this.#agent) return this.#agent;
    const request: ChatAgentRequest = {
      approver: this.#questions.approver,
      writer: this.#options.createWriter(this.#questions.reviewer),
      trusted: this.#options.isTrusted(),
      sessionId: this.id,
      ...(this.transcriptId ? { resume: this.transcriptId } : {}),
    };
    const result = await this.#options.createAgent(request);
    if (!result.ok) {
      this.#emit({
        type: HostMessageType.DidFail,
        chatId: this.id,
        code: result.code,
        message: result.message,
        ...(result.action ? { action: result.action } : {}),
      });
      return undefined;
    }
    this.#agent = result.agent;
    this.#disposeAgent = result.dispose;
    if (this.transcriptId !== result.sessionId) {
      this.transcriptId = result.sessionId;
      this.#options.onDidCreateAgent(this);
    }
    return result.agent;
  }

  async #runTurn(agent: ChatAgent, text: string, signal: AbortSignal): Promise<void> {
    const before = agent.usage.totals();
    const turn = agent.submit(text, signal);
    for (;;) {
      const step = await turn.next();
      if (step.done) {
        // The ledger counts every call of the turn, sub-agents' included, priced per model.
        const { usage, costUsd } = agent.usage.since(before);
        this.#emit({
          type: HostMessageType.DidEndTurn,
          chatId: this.id,
          usage,
          ...(costUsd === undefined ? {} : { costUsd }),
          terminalReason: step.value,
        });
        return;
      }
      for (const message of mapLoopEvent(this.id, step.value)) this.#emit(message);
    }
  }

  #emit(message: HostToWebviewMessage): void {
    this.log.apply(message);
    this.updatedAt = Date.now();
    this.#options.post(message);
  }
}
