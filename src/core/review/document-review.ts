import type { TextChange } from './line-buffer';
import { LineBuffer } from './line-buffer';
import type { LineChange } from './line-change';
import { lineChangesBetween } from './line-change';
import type { ReviewHunk } from './proposal-review';
import { ProposalReview } from './proposal-review';
import { splitLines } from './text-lines';

/** A pending hunk and the proposal it belongs to. */
export interface PendingHunk {
  proposalId: string;
  hunk: ReviewHunk;
}

/**
 * Every proposal under review on one document, composed: each follows every edit of the document,
 * whoever made it — the person typing, or another proposal's accepted hunk — so two proposals on
 * one file stay on their lines, and a hunk whose lines another accepted hunk replaced becomes a
 * conflict instead of being applied twice. Pure; the caller feeds it the document's edits in order.
 */
export class DocumentReview {
  readonly #buffer: LineBuffer;
  readonly #proposals = new Map<string, ProposalReview>();

  constructor(text: string) {
    this.#buffer = new LineBuffer(text);
  }

  /** The document's lines as the edits fed so far left them. */
  get lines(): readonly string[] {
    return this.#buffer.lines;
  }

  get proposals(): ReadonlyMap<string, ProposalReview> {
    return this.#proposals;
  }

  /** Starts reviewing a proposal made against `before`, on the document as it is now. */
  add(id: string, texts: { before: string; after: string }): ProposalReview {
    const review = ProposalReview.open({ ...texts, current: this.#buffer.lines });
    this.#proposals.set(id, review);
    return review;
  }

  remove(id: string): void {
    this.#proposals.delete(id);
  }

  /** Follows one edit of the document; returns the whole lines it replaced. */
  applyChange(change: TextChange): LineChange {
    const lineChange = this.#buffer.apply(change);
    for (const review of this.#proposals.values()) review.applyLineChange(lineChange);
    return lineChange;
  }

  /**
   * Catches up with the document's text when edits were missed (the document was reloaded, or
   * the line count no longer matches): the difference is followed like any other edit.
   */
  resync(text: string): void {
    const lines = splitLines(text);
    for (const change of lineChangesBetween(this.#buffer.lines, lines)) {
      for (const review of this.#proposals.values()) review.applyLineChange(change);
    }
    this.#buffer.reset(text);
  }

  /** Pending hunks of every proposal, top to bottom. */
  pendingHunks(): PendingHunk[] {
    const pending: PendingHunk[] = [];
    for (const [proposalId, review] of this.#proposals) {
      for (const hunk of review.pending) pending.push({ proposalId, hunk });
    }
    return pending.sort((a, b) => a.hunk.start - b.hunk.start);
  }
}
