import type { ProposedWrite, WriteOutcome } from '../../core/tools/file-writer';

/** What the person accepted: the proposal, or their own version of it from the diff editor. */
export interface AcceptedEdit {
  content: string | undefined;
  modifiedByUser: boolean;
}

/** What trying to write an accepted edit gave. */
export type ApplyResult =
  /** Written; `detail` says how, when that is not simply the proposal ("merged with your changes"). */
  | { kind: 'written'; content: string | undefined; modifiedByUser: boolean; detail?: string }
  /** Not written, and the proposal stays open: the person's changes overlap it. */
  | { kind: 'conflict'; problem: string }
  /** Not written, for good: the write itself failed. */
  | { kind: 'failed'; reason: string };

/**
 * Shows a proposed edit and settles it with the person. Each Accept calls `apply`; the review
 * ends with what `apply` really did (written, or refused and why), never with an optimistic
 * "accepted". A conflict keeps the proposal open for another look. Must not hang: the signal
 * (or the turn ending) settles it as rejected.
 */
export interface EditReviewer {
  review(
    edit: ProposedWrite,
    apply: (accepted: AcceptedEdit) => Promise<ApplyResult>,
    signal: AbortSignal,
  ): Promise<WriteOutcome>;
}
