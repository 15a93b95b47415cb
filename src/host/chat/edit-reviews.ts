import { relative } from 'node:path';
import type { PendingEdit } from '../../core/ports';
import type { WriteOutcome } from '../../core/tools/file-writer';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerEditCommand } from '../../protocol/webview-commands';
import type { AcceptedEdit, ApplyResult, EditReviewer } from '../review/edit-reviewer';
import { PendingAnswers, anySignal } from '../review/pending-answers';

/** How a chat reaches the editor for edit previews (diff editor, proposal documents). */
export interface EditPreview {
  /** Registers the proposal so the diff editor can show and edit it; returns a handle. */
  open(
    requestId: string,
    edit: PendingEdit,
  ): { show(): Promise<void>; text(): string | undefined; dispose(): void };
}

/** Options of {@link EditReviews}. */
export interface EditReviewsOptions {
  chatId: string;
  emit(message: ChatMessage): void;
  requestId(prefix: string): string;
  /** The running turn's signal: stopping the turn settles every open question. */
  turnSignal(): AbortSignal | undefined;
  preview: EditPreview;
  workspaceRoot: string | undefined;
  languageOf(path: string): string;
}

type EditReply = { answer: AnswerEditCommand['answer']; reason?: string };

/**
 * The chat's edit previews (panel card and diff editor) as an {@link EditReviewer}. The card is
 * settled from what the write really did; while an Accept is being applied, further answers to
 * the same request find nothing waiting, so a second click cannot accept twice or the wrong edit.
 */
export class EditReviews implements EditReviewer {
  readonly #waiting = new PendingAnswers<EditReply>();

  constructor(private readonly options: EditReviewsOptions) {}

  /** false when no edit waits under that id (answered, being applied, or a stale webview). */
  answer(requestId: string, answer: AnswerEditCommand['answer'], reason?: string): boolean {
    return this.#waiting.answer(requestId, { answer, ...(reason ? { reason } : {}) });
  }

  /** Settles every open preview as unanswered (the turn ended). */
  clear(): void {
    this.#waiting.clear();
  }

  async review(
    edit: PendingEdit,
    apply: (accepted: AcceptedEdit) => Promise<ApplyResult>,
    signal: AbortSignal,
  ): Promise<WriteOutcome> {
    const { chatId, emit, workspaceRoot } = this.options;
    const requestId = this.options.requestId('edit');
    const proposal = this.options.preview.open(requestId, edit);
    emit({
      type: HostMessageType.DidProposeEdit,
      chatId,
      requestId,
      path: workspaceRoot ? relative(workspaceRoot, edit.path) || edit.path : edit.path,
      diff: edit.diff,
      language: this.options.languageOf(edit.path),
    });
    const settle = (status: 'written' | 'rejected' | 'refused' | 'cancelled', note: object = {}): void =>
      emit({ type: HostMessageType.DidResolveEdit, chatId, requestId, status, ...note });
    try {
      for (;;) {
        const reply = await this.#waiting.wait(requestId, anySignal(signal, this.options.turnSignal()));
        if (!reply) {
          settle('cancelled');
          return { kind: 'rejected', reason: 'The turn was stopped before the person reviewed the edit.' };
        }
        if (reply.answer === 'open-diff') {
          await proposal.show();
          continue;
        }
        if (reply.answer === 'reject') {
          const reason = reply.reason ?? 'The person rejected the edit.';
          settle('rejected', reply.reason ? { reason } : {});
          return { kind: 'rejected', reason };
        }
        const text = proposal.text();
        const accepted =
          text !== undefined && text !== edit.after
            ? { content: text, modifiedByUser: true }
            : { content: edit.after, modifiedByUser: false };
        const result = await apply(accepted);
        if (result.kind === 'conflict') {
          emit({ type: HostMessageType.DidUpdateEdit, chatId, requestId, problem: result.problem });
          continue;
        }
        if (result.kind === 'failed') {
          settle('refused', { reason: result.reason });
          return { kind: 'rejected', reason: result.reason };
        }
        settle('written', result.detail ? { detail: result.detail } : {});
        return { kind: 'written', content: result.content, modifiedByUser: result.modifiedByUser };
      }
    } finally {
      proposal.dispose();
    }
  }
}
