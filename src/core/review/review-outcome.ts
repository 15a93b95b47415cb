import type { WriteOutcome } from '../tools/file-writer';
import type { HunkReport } from './hunk-report';
import { describeHunkReport } from './hunk-report';

/**
 * What a proposal reviewed hunk by hunk became, for the file tools: written when at least one hunk
 * was applied (`content` is the file as it is now), else rejected with the person's reason, or an
 * account of the hunks when they were not all rejected for one reason.
 */
export function reviewOutcome(review: { report: HunkReport; content: string }): WriteOutcome {
  const { report, content } = review;
  const applied = report.hunks.filter((hunk) => hunk.status === 'accepted').length;
  if (applied > 0) {
    const modifiedByUser = applied < report.hunks.length || report.otherEdits;
    return { kind: 'written', content, modifiedByUser, hunks: report };
  }
  // Every hunk rejected by the person for one reason (or none): that is all the model needs.
  const plain = report.hunks.every((hunk) => hunk.status === 'rejected' && !hunk.conflict);
  const reasons = new Set(report.hunks.map((hunk) => hunk.reason ?? ''));
  if (plain && reasons.size === 1) {
    return { kind: 'rejected', reason: [...reasons][0] || 'The person rejected the edit.' };
  }
  return { kind: 'rejected', reason: describeHunkReport(report) };
}
