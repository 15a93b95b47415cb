import { relative } from 'node:path';
import type { PendingEdit } from '../../core/ports';
import { reviewOutcome } from '../../core/review/review-outcome';
import type { ProposedWrite, WriteOutcome } from '../../core/tools/file-writer';
import type { EditHunks } from '../../protocol/conversation-entry';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { AnswerEditCommand } from '../../protocol/webview-commands';
import type { AcceptedEdit, ApplyResult, EditReviewer } from '../review/edit-reviewer';
import type { InlineProposal, InlineReview } from '../review/inline/inline-review';
import type { InlineOutcome } from '../review/inline/tracked-document';
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
  /** Shows each proposal in the editor too, hunk by hunk (absent: panel and diff editor only). */
  inline?: Pick<InlineReview, 'open' | 'onDidChange' | 'reveal'>;
}

/** A reply from the panel, or `inline`: the editor review settled the proposal. */
type EditReply = { answer: AnswerEditCommand['answer'] | 'inline'; reason?: string };

/** What the editor's review of one proposal has come to, and whether it is over. */
interface InlineState {
  proposal: InlineProposal;
  outcome: InlineOutcome | undefined;
}

/**
 * The chat's edit previews (panel card and diff editor) as an {@link EditReviewer}. The card is
 * settled from what the write really did; while an Accept is being applied, further answers to
 * the same request find nothing waiting, so a second click cannot accept twice or the wrong edit.
 */
export class EditReviews implements EditReviewer {
  readonly #waiting = new PendingAnswers<EditReply>();
  readonly #inline = new Map<string, InlineState>();

  constructor(private readonly options: EditReviewsOptions) {}

  /** false when no edit waits under that id (answered, being applied, or a stale webview). */
  answer(requestId: string, answer: AnswerEditCommand['answer'], reason?: string): boolean {
    return this.#waiting.answer(requestId, { answer, ...(reason ? { reason } : {}) });
  }

  /** Answers every edit still waiting (Accept all / Reject all); how many were answered. */
  answerAll(answer: 'accept' | 'reject'): number {
    return this.#waiting.pending().filter((requestId) => this.answer(requestId, answer)).length;
  }

  /** Shows an edit's first waiting hunk in the editor; false when it is not under review there. */
  async reveal(requestId: string): Promise<boolean> {
    const target = this.#inline.get(requestId)?.proposal.firstPending();
    return target !== undefined && this.options.inline !== undefined && this.options.inline.reveal(target);
  }

  /** Settles every open preview as unanswered (the turn ended). */
  clear(): void {
    this.#waiting.clear();
  }

  async review(
    edit: ProposedWrite,
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
    const inline = await this.#openInline(requestId, edit);
    try {
      for (;;) {
        const reply: EditReply | undefined =
          inline?.outcome !== undefined
            ? { answer: 'inline' }
            : await this.#waiting.wait(requestId, anySignal(signal, this.options.turnSignal()));
        if (!reply) {
          settle('cancelled');
          return { kind: 'rejected', reason: 'The turn was stopped before the person reviewed the edit.' };
        }
        if (reply.answer === 'inline' && inline?.outcome)
          return this.#settleInline(requestId, inline.outcome);
        if (reply.answer === 'open-diff') {
          await proposal.show();
          continue;
        }
        if (inline?.proposal.decided && (reply.answer === 'accept' || reply.answer === 'reject')) {
          // Some hunks were decided in the editor: the panel's answer covers the rest, there.
          const decided =
            reply.answer === 'accept'
              ? await inline.proposal.acceptRemaining()
              : await inline.proposal.rejectRemaining(reply.reason);
          if (!decided.ok)
            emit({ type: HostMessageType.DidUpdateEdit, chatId, requestId, problem: decided.problem });
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
      inline?.proposal.dispose();
      this.#inline.delete(requestId);
    }
  }

  /**
   * Shows a change to an existing file in its editor as well, hunk by hunk; the card learns what
   * is decided there, and the loop wakes when the editor review settles the proposal.
   */
  async #openInline(requestId: string, edit: ProposedWrite): Promise<InlineState | undefined> {
    const { inline, chatId, emit } = this.options;
    if (!inline || edit.before === undefined || edit.after === undefined) return undefined;
    const proposal = await inline
      .open({
        id: requestId,
        chatId,
        path: edit.path,
        before: edit.before,
        after: edit.after,
        encode: edit.encode,
      })
      .catch(() => undefined);
    if (!proposal) return undefined;
    const state: InlineState = { proposal, outcome: undefined };
    this.#inline.set(requestId, state);
    let shown: EditHunks | undefined;
    const report = (): void => {
      const hunks = proposal.counts();
      if (shown && hunks.accepted === shown.accepted && hunks.rejected === shown.rejected) return;
      shown = hunks;
      emit({ type: HostMessageType.DidReviewEditHunks, chatId, requestId, hunks });
    };
    report();
    const listener = inline.onDidChange(report);
    void proposal.settled.then((outcome) => {
      listener.dispose();
      state.outcome = outcome;
      this.#waiting.answer(requestId, { answer: 'inline' });
    });
    return state;
  }

  /** Settles the card from the editor review and tells the model which hunks landed. */
  #settleInline(requestId: string, outcome: InlineOutcome): WriteOutcome {
    const { chatId, emit } = this.options;
    const result = reviewOutcome({ report: outcome.report, content: outcome.content });
    const total = outcome.report.hunks.length;
    const accepted = outcome.report.hunks.filter((hunk) => hunk.status === 'accepted').length;
    const status = result.kind === 'written' ? 'written' : 'rejected';
    const note =
      accepted === total
        ? 'Accepted in the editor.'
        : accepted === 0
          ? 'Rejected in the editor.'
          : `${accepted} of ${total} changes accepted in the editor; the rest were not written.`;
    emit({
      type: HostMessageType.DidResolveEdit,
      chatId,
      requestId,
      status,
      ...(status === 'written' ? { detail: note } : { reason: note }),
    });
    return result;
  }
}
