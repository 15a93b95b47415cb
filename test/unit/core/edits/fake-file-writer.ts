import type { Workspace } from '../../../../src/core/ports';
import { describeHunkReport } from '../../../../src/core/review/hunk-report';
import { ProposalReview } from '../../../../src/core/review/proposal-review';
import { joinLines, lineBreakOf, splitLines } from '../../../../src/core/review/text-lines';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../../../../src/core/tools/file-writer';

/** What the fake person does with each proposal; `hunks` accepts those numbers and rejects the rest. */
export type FakeAnswer =
  | { kind: 'accept'; notes?: string[] }
  | { kind: 'reject'; reason: string }
  | { kind: 'modify'; content: string }
  | { kind: 'hunks'; accept: number[]; reason?: string };

/** A FileWriter that records proposals and answers like a person would, writing through the workspace. */
export class FakeFileWriter implements FileWriter {
  readonly proposals: ProposedWrite[] = [];
  constructor(
    private readonly workspace: Workspace,
    private readonly answer: (edit: ProposedWrite) => FakeAnswer = () => ({ kind: 'accept' }),
  ) {}

  async propose(edit: ProposedWrite): Promise<WriteOutcome> {
    this.proposals.push(edit);
    const answer = this.answer(edit);
    if (answer.kind === 'reject') return { kind: 'rejected', reason: answer.reason };
    if (answer.kind === 'hunks') return this.#reviewHunks(edit, answer);
    const content = answer.kind === 'modify' ? answer.content : edit.after;
    if (content === undefined) await this.workspace.deleteFile(edit.path);
    else await this.workspace.writeFile(edit.path, edit.encode(content));
    const notes = answer.kind === 'accept' && answer.notes ? { notes: answer.notes } : {};
    return { kind: 'written', content, modifiedByUser: answer.kind === 'modify', ...notes };
  }

  /** The inline review's decisions, made with the real hunk model. */
  async #reviewHunks(
    edit: ProposedWrite,
    answer: { accept: number[]; reason?: string },
  ): Promise<WriteOutcome> {
    const before = edit.before ?? '';
    const lines = splitLines(before);
    const review = ProposalReview.open({ before, after: edit.after ?? '', current: lines });
    const accepted = answer.accept.length > 0 ? review.accept(answer.accept, lines) : undefined;
    if (accepted && !accepted.ok) throw new Error(accepted.problem);
    const others = review.pending.map((hunk) => hunk.index);
    review.reject(others, answer.reason);
    if (!accepted) return { kind: 'rejected', reason: describeHunkReport(review.report(lines)) };
    const content = joinLines(accepted.lines, lineBreakOf(before));
    await this.workspace.writeFile(edit.path, edit.encode(content));
    return {
      kind: 'written',
      content,
      modifiedByUser: others.length > 0,
      hunks: review.report(accepted.lines),
    };
  }
}
