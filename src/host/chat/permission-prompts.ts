import type { ApprovalAnswer, ApprovalRequest, Approver } from '../../core/ports';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerPermissionCommand } from '../../protocol/webview-commands';
import { PendingAnswers, anySignal } from '../review/pending-answers';

/** Options of {@link PermissionPrompts}. */
export interface PermissionPromptsOptions {
  chatId: string;
  /** Reduces the message into the chat and posts it. */
  emit(message: ChatMessage): void;
  /** A request id unique within the chat. */
  requestId(prefix: string): string;
  /** The running turn's signal: stopping the turn settles every open question. */
  turnSignal(): AbortSignal | undefined;
}

/**
 * The chat's permission prompts as the core's Approver. The prompt lives in the chat snapshot the
 * host holds, so a reloaded webview shows it again and can answer it. Resolves to deny when the
 * turn stops first; never hangs.
 */
export class PermissionPrompts {
  readonly #waiting = new PendingAnswers<AnswerPermissionCommand>();

  constructor(private readonly options: PermissionPromptsOptions) {}

  readonly approver: Approver = { ask: (request, signal) => this.#ask(request, signal) };

  /** false when nothing waits under that id (already answered, or a stale webview). */
  answer(command: AnswerPermissionCommand): boolean {
    return this.#waiting.answer(command.requestId, command);
  }

  /** Settles every open prompt as unanswered (the turn ended). */
  clear(): void {
    this.#waiting.clear();
  }

  async #ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const { chatId, emit } = this.options;
    const requestId = this.options.requestId('permission');
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
    const answer = await this.#waiting.wait(requestId, anySignal(signal, this.options.turnSignal()));
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
}
