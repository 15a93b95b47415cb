import { relative } from 'node:path';
import type { Usage } from '../../core/messages/message';
import { addUsage, emptyUsage } from '../../core/messages/message';
import type {
  ApprovalAnswer,
  ApprovalRequest,
  Approver,
  Logger,
  PendingEdit,
  ReviewAnswer,
  Reviewer,
} from '../../core/ports';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerEditCommand, AnswerPermissionCommand } from '../../protocol/webview-commands';
import type { ChatAgent, ChatAgentFactory, ChatAgentRequest } from '../agent/chat-agent';
import type { FileWriter } from '../../core/tools/file-writer';
import { PendingAnswers } from '../review/pending-answers';
import { ConversationLog } from './conversation-log';
import { mapLoopEvent } from './loop-event-mapper';

/** How a chat reaches the editor for edit previews (diff editor, proposal documents). */
export interface EditPreview {
  /** Registers the proposal so the diff editor can show and edit it; returns a handle. */
  open(
    requestId: string,
    edit: PendingEdit,
  ): { show(): Promise<void>; text(): string | undefined; dispose(): void };
}

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

type EditAnswer = AnswerEditCommand['answer'] | { kind: 'reason'; answer: 'reject'; reason?: string };

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
  readonly #permissions = new PendingAnswers<AnswerPermissionCommand>();
  readonly #edits = new PendingAnswers<{ answer: EditAnswer; reason?: string }>();
  readonly #options: ChatSessionOptions;
  #nextRequest = 0;

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.id = options.id;
    this.title = options.title;
    this.log = options.restored?.log ?? new ConversationLog();
    this.transcriptId = options.restored ? options.id : undefined;
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
      this.#permissions.clear();
      this.#edits.clear();
      this.#abort = undefined;
      this.updatedAt = Date.now();
      this.#options.onDidChangeBusy();
    }
  }

  stop(): void {
    this.#abort?.abort();
  }

  answerPermission(command: AnswerPermissionCommand): boolean {
    return this.#permissions.answer(command.requestId, command);
  }

  answerEdit(command: AnswerEditCommand): boolean {
    return this.#edits.answer(command.requestId, {
      answer: command.answer,
      ...(command.reason ? { reason: command.reason } : {}),
    });
  }

  async #ensureAgent(): Promise<ChatAgent | undefined> {
    if (this.#agent) return this.#agent;
    const reviewer: Reviewer = { review: (edit, signal) => this.#review(edit, signal) };
    const request: ChatAgentRequest = {
      approver: this.approver,
      writer: this.#options.createWriter(reviewer),
      trusted: this.#options.isTrusted(),
      ...(this.transcriptId ? { resume: this.transcriptId } : {}),
    };
    this.#options.logger.info('DEBUG creating agent');
    const result = await this.#options.createAgent(request);
    this.#options.logger.info(`DEBUG created agent ${String(result.ok)}`);
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
    let usage: Usage = emptyUsage();
    const turn = agent.submit(text, signal);
    for (;;) {
      const step = await turn.next();
      if (step.done) {
        this.#emit({ type: HostMessageType.DidEndTurn, chatId: this.id, usage, terminalReason: step.value });
        return;
      }
      this.#options.logger.info(`DEBUG event ${step.value.type}`);
      if (step.value.type === 'message-end') usage = addUsage(usage, step.value.usage);
      for (const message of mapLoopEvent(this.id, step.value)) this.#emit(message);
    }
  }

  /** The panel's permission prompt as the core's Approver: resolves to deny, never hangs. */
  readonly approver: Approver = {
    ask: async (request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> => {
      const requestId = this.#requestId('permission');
      const turnSignal = this.#abort ? AbortSignal.any([signal, this.#abort.signal]) : signal;
      this.#emit({
        type: HostMessageType.DidRequestPermission,
        chatId: this.id,
        requestId,
        toolName: request.toolName,
        title: request.title,
        reason: request.reason,
        ...(request.suggestedRule ? { suggestedRule: request.suggestedRule } : {}),
        ...(request.diff ? { diff: request.diff } : {}),
      });
      const answer = await this.#permissions.wait(requestId, turnSignal);
      this.#emit({
        type: HostMessageType.DidResolvePermission,
        chatId: this.id,
        requestId,
        status: answer?.answer ?? 'cancelled',
      });
      if (!answer) return { kind: 'deny', message: 'The turn was stopped before the person answered.' };
      if (answer.answer === 'allow-once') return { kind: 'allow-once' };
      if (answer.answer === 'allow-always') {
        return { kind: 'allow-always', scope: 'session', rule: request.suggestedRule ?? request.toolName };
      }
      return { kind: 'deny', ...(answer.message ? { message: answer.message } : {}) };
    },
  };

  async #review(edit: PendingEdit, signal: AbortSignal): Promise<ReviewAnswer> {
    const requestId = this.#requestId('edit');
    const turnSignal = this.#abort ? AbortSignal.any([signal, this.#abort.signal]) : signal;
    const root = this.#options.workspaceRoot;
    const shownPath = root ? relative(root, edit.path) || edit.path : edit.path;
    const proposal = this.#options.preview.open(requestId, edit);
    this.#emit({
      type: HostMessageType.DidProposeEdit,
      chatId: this.id,
      requestId,
      path: shownPath,
      diff: edit.diff,
      language: this.#options.languageOf(edit.path),
    });
    try {
      for (;;) {
        const answer = await this.#edits.wait(requestId, turnSignal);
        if (!answer) {
          this.#emit({
            type: HostMessageType.DidResolveEdit,
            chatId: this.id,
            requestId,
            status: 'cancelled',
          });
          return { kind: 'reject', reason: 'The turn was stopped before the person reviewed the edit.' };
        }
        if (answer.answer === 'open-diff') {
          await proposal.show();
          continue;
        }
        if (answer.answer === 'accept') {
          this.#emit({
            type: HostMessageType.DidResolveEdit,
            chatId: this.id,
            requestId,
            status: 'accepted',
          });
          const text = proposal.text();
          return text !== undefined && text !== edit.after
            ? { kind: 'accept-modified', content: text }
            : { kind: 'accept' };
        }
        const reason = answer.reason ?? 'The person rejected the edit.';
        this.#emit({
          type: HostMessageType.DidResolveEdit,
          chatId: this.id,
          requestId,
          status: 'rejected',
          reason,
        });
        return { kind: 'reject', reason };
      }
    } finally {
      proposal.dispose();
    }
  }

  #requestId(prefix: string): string {
    this.#nextRequest += 1;
    return `${prefix}-${this.id}-${this.#nextRequest}`;
  }

  #emit(message: HostToWebviewMessage): void {
    this.log.apply(message);
    this.updatedAt = Date.now();
    this.#options.post(message);
  }
}
