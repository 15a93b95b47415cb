import { applyHunks, hunkFits } from './apply-hunks';
import type { Hunk } from './compute-hunks';
import { computeHunks, lineDelta } from './compute-hunks';
import type { HunkReport } from './hunk-report';
import type { LineChange } from './line-change';
import { lineChangesBetween, shiftRange } from './line-change';
import { splitLines } from './text-lines';

/** Where a hunk stands in the review. */
export type HunkStatus = 'pending' | 'accepted' | 'rejected';

/** A hunk of a proposal under review, positioned in the document as it is now. */
export interface ReviewHunk extends Hunk {
  /** 1-based, in file order: how the person and the model name it. */
  readonly index: number;
  /** 0-based line where the hunk's added lines begin in the proposed text. */
  readonly proposedStart: number;
  /** Pending: 0-based line of its removed lines in the document now. Decided: where it was then. */
  readonly start: number;
  readonly status: HunkStatus;
  /**
   * Set when the document changed under the hunk's own lines: it can no longer be applied as
   * proposed, only rejected. Words for the person.
   */
  readonly conflict?: string;
  /** The person's reason, for a rejected hunk. */
  readonly reason?: string;
}

/** Why a decision could not be taken, in words for the person. */
export interface Refusal {
  ok: false;
  problem: string;
}

/** What accepting some hunks gives: the document's new lines, or why they cannot be applied. */
export type AcceptResult = { ok: true; lines: string[] } | Refusal;

interface HunkRecord {
  index: number;
  proposedStart: number;
  /** 0-based line of its removed lines in the text the proposal was made against. */
  baseStart: number;
  start: number;
  removed: readonly string[];
  added: readonly string[];
  status: HunkStatus;
  conflict?: string;
  reason?: string;
  /** Accepted: where its text begins in the document it was written to. */
  fileStart?: number;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}

function where(start: number, count: number): string {
  return count <= 1 ? `line ${start + 1}` : `lines ${start + 1}–${start + count}`;
}

/**
 * One proposed edit of one file, reviewed hunk by hunk. Pure: it never touches the document. It
 * follows the document's edits (`applyLineChange`) so each pending hunk stays on its lines, marks a
 * hunk as a conflict when an edit changes those lines, and computes the document's new lines when
 * hunks are accepted; the caller writes them, feeding the resulting edits back like any other.
 */
export class ProposalReview {
  readonly #hunks: HunkRecord[];
  readonly #before: readonly string[];

  private constructor(hunks: HunkRecord[], before: readonly string[]) {
    this.#hunks = hunks;
    this.#before = before;
  }

  /**
   * Reviews the change from `before` to `after` on a document whose lines are `current` now. When
   * the document changed since `before`, each hunk is moved over those changes; a hunk whose lines
   * they touched starts as a conflict.
   */
  static open(texts: { before: string; after: string; current: readonly string[] }): ProposalReview {
    const beforeLines = splitLines(texts.before);
    let delta = 0;
    const records = computeHunks(beforeLines, splitLines(texts.after)).map((hunk, position) => {
      const record: HunkRecord = {
        ...hunk,
        index: position + 1,
        proposedStart: hunk.start + delta,
        baseStart: hunk.start,
        status: 'pending',
      };
      delta += lineDelta(hunk);
      return record;
    });
    const review = new ProposalReview(records, beforeLines);
    if (!sameLines(beforeLines, texts.current)) {
      for (const change of lineChangesBetween(beforeLines, texts.current)) {
        review.applyLineChange(change);
      }
    }
    return review;
  }

  /** Every hunk, in file order. */
  get hunks(): readonly ReviewHunk[] {
    return this.#hunks;
  }

  /** Hunks still waiting for a decision, conflicts included. */
  get pending(): readonly ReviewHunk[] {
    return this.#hunks.filter((hunk) => hunk.status === 'pending');
  }

  /** True once every hunk is accepted or rejected. */
  get settled(): boolean {
    return this.#hunks.every((hunk) => hunk.status !== 'pending');
  }

  /** Follows one document edit: pending hunks move with it, or become conflicts when it changed their lines. */
  applyLineChange(change: LineChange): void {
    for (const hunk of this.#hunks) {
      if (hunk.status !== 'pending') continue;
      const shifted = shiftRange({ start: hunk.start, length: hunk.removed.length }, change);
      if (shifted.kind === 'kept') {
        hunk.start = shifted.start;
        continue;
      }
      // Kept near its old place for display; its lines are gone, so it stays a conflict.
      hunk.start = Math.min(hunk.start, change.start);
      hunk.conflict ??= `${where(hunk.start, hunk.removed.length)} changed after Tandem proposed this, so it can no longer be applied as proposed. Reject it, or ask Tandem to propose it again.`;
    }
  }

  /**
   * Accepts the hunks numbered `indices` against the document's `lines` as they are now: checks that
   * each is pending, not a conflict, and still finds its lines there, then returns the document's
   * new lines and marks them accepted. Refuses all of them, changing nothing, when one cannot be
   * applied. When the caller's write fails, `restore` puts them back.
   */
  accept(indices: readonly number[], lines: readonly string[]): AcceptResult {
    const chosen = this.#pick(indices);
    if (!Array.isArray(chosen)) return chosen;
    for (const hunk of chosen) {
      if (hunk.conflict) return { ok: false, problem: `Change ${hunk.index}: ${hunk.conflict}` };
      if (!hunkFits(lines, hunk)) {
        return {
          ok: false,
          problem: `Change ${hunk.index}: the document no longer holds its lines at ${where(hunk.start, hunk.removed.length)}. Reject it, or ask Tandem to propose it again.`,
        };
      }
    }
    const next = applyHunks(lines, chosen);
    let shift = 0;
    for (const hunk of [...chosen].sort((a, b) => a.start - b.start)) {
      hunk.status = 'accepted';
      hunk.fileStart = hunk.start + shift;
      shift += lineDelta(hunk);
    }
    return { ok: true, lines: next };
  }

  /** Undoes `accept` for hunks whose write failed: they wait again where they were. */
  restore(indices: readonly number[]): void {
    for (const hunk of this.#hunks) {
      if (!indices.includes(hunk.index) || hunk.status !== 'accepted') continue;
      hunk.status = 'pending';
      delete hunk.fileStart;
    }
  }

  /** Rejects pending hunks (conflicts included); a refusal names a hunk that is not pending. */
  reject(indices: readonly number[], reason?: string): { ok: true } | Refusal {
    const chosen = this.#pick(indices);
    if (!Array.isArray(chosen)) return chosen;
    for (const hunk of chosen) {
      hunk.status = 'rejected';
      if (reason) hunk.reason = reason;
    }
    return { ok: true };
  }

  /**
   * The decisions so far, for the model, against the document's `lines` now: hunks still pending
   * count as unreviewed (the review ended first), and `otherEdits` says whether the document holds
   * more than the proposal's accepted hunks (the person's typing, another proposal's hunks).
   */
  report(lines: readonly string[]): HunkReport {
    const accepted = this.#hunks
      .filter((hunk) => hunk.status === 'accepted')
      .map((hunk) => ({ start: hunk.baseStart, removed: hunk.removed, added: hunk.added }));
    return {
      otherEdits: !sameLines(applyHunks(this.#before, accepted), lines),
      hunks: this.#hunks.map((hunk) => ({
        index: hunk.index,
        status: hunk.status === 'pending' ? 'unreviewed' : hunk.status,
        proposedStart: hunk.proposedStart,
        removed: hunk.removed,
        added: hunk.added,
        ...(hunk.fileStart === undefined ? {} : { fileStart: hunk.fileStart }),
        ...(hunk.reason ? { reason: hunk.reason } : {}),
        ...(hunk.status === 'rejected' && hunk.conflict ? { conflict: true } : {}),
      })),
    };
  }

  #pick(indices: readonly number[]): HunkRecord[] | Refusal {
    const chosen: HunkRecord[] = [];
    for (const index of new Set(indices)) {
      const hunk = this.#hunks.find((candidate) => candidate.index === index);
      if (!hunk) return { ok: false, problem: `There is no change ${index} in this proposal.` };
      if (hunk.status !== 'pending')
        return { ok: false, problem: `Change ${index} was already ${hunk.status}.` };
      chosen.push(hunk);
    }
    return chosen;
  }
}
