import { relative } from 'node:path';
import type {
  ApprovalAnswer,
  ApprovalRequest,
  Approver,
  PendingEdit,
  ReviewAnswer,
  Reviewer,
} from '../../core/ports';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerEditCommand, AnswerPermissionCommand } from '../../protocol/webview-commands';
import { PendingAnswers } from '../review/pending-answers';

/** How a chat reaches the editor for edit previews (diff editor, proposal documents). */
export interface EditPreview {
  /** Registers the proposal so the diff editor can show and edit it; returns a handle. */
  open(
    requestId: string,
    edit: PendingEdit,
  ): { show(): Promise<void>; text(): string | undefined; dispose(): void };
}

/** Options of {@link ChatQuestions}. */
export interface ChatQuestionsOptions {
  chatId: string;
  emit(message: HostToWebviewMessage): void;
  preview: EditPreview;
  workspaceRoot: string | undefined;
  languageOf(path: string): string;
  /** The running turn's signal: stopping the turn settles every open question. */
  turnSignal(): AbortSignal | undefined;
}

type EditReply = { answer: AnswerEditCommand['answer']; reason?: string };

/**
 * The questions a chat asks the person — permission prompts (the core's Approver) and edit
 * previews (its Reviewer) — shown in the panel and answered from it or from the diff editor.
 * Every question settles: with the answer, or as denied/rejected when the turn stops.
 */
export class ChatQuestions {
  readonly #permissions = new PendingAnswers<AnswerPermissionCommand>();
  readonly #edits = new PendingAnswers<EditReply>();
  readonly #options: ChatQuestionsOptions;
  #nextRequest = 0;

  constructor(options: ChatQuestionsOptions) {
    this.#options = options;
  }

  /** The panel's permission prompt as the core's Approver: resolves to deny, never hangs. */
  readonly approver: Approver = { ask: (request, signal) => this.#ask(request, signal) };

  /** The panel's edit preview (and the diff editor) as the core's Reviewer. */
  readonly reviewer: Reviewer = { review: (edit, signal) => this.#review(edit, signal) };

  /** false when nothing waits under that id (already answered, or a stale webview). */
  answerPermission(command: AnswerPermissionCommand): boolean {
    return this.#permissions.answer(command.requestId, command);
  }

  /** false when no edit waits under that id. */
  answerEdit(requestId: string, answer: AnswerEditCommand['answer'], reason?: string): boolean {
    return this.#edits.answer(requestId, { answer, ...(reason ? { reason } : {}) });
  }

  /** Settles every open question as unanswered (the turn ended). */
  clear(): void {
    this.#permissions.clear();
    this.#edits.clear();
  }

  #signal(signal: AbortSignal): AbortSignal {
    const turn = this.#options.turnSignal();
    return turn ? AbortSignal.any([signal, turn]) : signal;
  }

  #requestId(prefix: string): string {
    this.#nextRequest += 1;
    return `${prefix}-${this.#options.chatId}-${this.#nextRequest}`;
  }

  async #ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const { chatId, emit } = this.#options;
    const requestId = this.#requestId('permission');
    emit({
      type: HostMessageType.DidRequestPermission,
      chatId,
      requestId,
      toolName: request.toolName,
      title: request.title,
      reason: request.reason,
      ...(request.suggestedRule ? { suggestedRule: request.suggestedRule } : {}),
      ...(request.diff ? { diff: request.diff } : {}),
    });
    const answer = await this.#permissions.wait(requestId, this.#signal(signal));
    emit({
      type: HostMessageType.DidResolvePermission,
      chatId,
      requestId,
      status: answer?.answer ?? 'cancelled',
    });
    if (!answer) return { kind: 'deny', message: 'The turn was stopped before the person answered.' };
    if (answer.answer === 'allow-once') return { kind: 'allow-once' };
    if (answer.answer === 'allow-always') {
      return { kind: 'allow-always', scope: 'session', rule: request.suggestedRule ?? request.toolName };
    }
    return { kind: 'deny', ...(answer.message ? { message: answer.message } : {}) };
  }

  async #review(edit: PendingEdit, signal: AbortSignal): Promise<ReviewAnswer> {
    const { chatId, emit, workspaceRoot } = this.#options;
    const requestId = this.#requestId('edit');
    const proposal = this.#options.preview.open(requestId, edit);
    emit({
      type: HostMessageType.DidProposeEdit,
      chatId,
      requestId,
      path: workspaceRoot ? relative(workspaceRoot, edit.path) || edit.path : edit.path,
      diff: edit.diff,
      language: this.#options.languageOf(edit.path),
    });
    const turnSignal = this.#signal(signal);
    try {
      for (;;) {
        const reply = await this.#edits.wait(requestId, turnSignal);
        if (!reply) {
          emit({ type: HostMessageType.DidResolveEdit, chatId, requestId, status: 'cancelled' });
          return { kind: 'reject', reason: 'The turn was stopped before the person reviewed the edit.' };
        }
        if (reply.answer === 'open-diff') {
          await proposal.show();
          continue;
        }
        if (reply.answer === 'accept') {
          emit({ type: HostMessageType.DidResolveEdit, chatId, requestId, status: 'accepted' });
          const text = proposal.text();
          return text !== undefined && text !== edit.after
            ? { kind: 'accept-modified', content: text }
            : { kind: 'accept' };
        }
        const reason = reply.reason ?? 'The person rejected the edit.';
        emit({ type: HostMessageType.DidResolveEdit, chatId, requestId, status: 'rejected', reason });
        return { kind: 'reject', reason };
      }
    } finally {
      proposal.dispose();
    }
  }
}
