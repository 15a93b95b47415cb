/** One hunk of a reviewed proposal as the model is told about it. */
export interface ReportedHunk {
  /** 1-based, in file order. */
  index: number;
  /** `unreviewed`: the review ended (the turn stopped) before the person decided; not applied. */
  status: 'accepted' | 'rejected' | 'unreviewed';
  /** 0-based first line of the hunk in the proposed text (where its added lines begin). */
  proposedStart: number;
  removed: readonly string[];
  added: readonly string[];
  /** Accepted: 0-based line where its text begins in the file once written. */
  fileStart?: number;
  /** Rejected: the person's reason, when they gave one. */
  reason?: string;
  /** Rejected because the person had changed the lines under it while it waited. */
  conflict?: boolean;
}

/** What the person decided, hunk by hunk, about one proposed edit. */
export interface HunkReport {
  hunks: ReportedHunk[];
  /**
   * The file differs from what the accepted hunks alone make of the text the proposal was made
   * against: other lines changed while it waited (the person typing, another accepted edit).
   */
  otherEdits: boolean;
}

/** Lines of a rejected hunk quoted back to the model, per side; longer sides are cut. */
const quotedLines = 30;

function span(start: number, count: number): string {
  if (count === 0) return `after line ${start}`;
  return count === 1 ? `line ${start + 1}` : `lines ${start + 1}–${start + count}`;
}

function quote(prefix: string, lines: readonly string[]): string[] {
  const shown = lines.slice(0, quotedLines).map((line) => `    ${prefix}${line}`);
  if (lines.length > quotedLines) shown.push(`    … ${lines.length - quotedLines} more lines`);
  return shown;
}

function describeRejected(hunk: ReportedHunk): string[] {
  const why = hunk.conflict
    ? ' (the person had edited those lines while it waited)'
    : hunk.status === 'unreviewed'
      ? ' (not reviewed before the turn ended)'
      : hunk.reason
        ? ` (reason: ${hunk.reason})`
        : '';
  const where = span(hunk.proposedStart, hunk.added.length);
  return [
    `- hunk ${hunk.index}, ${where} of your proposal${why}:`,
    ...quote('-', hunk.removed),
    ...quote('+', hunk.added),
  ];
}

/**
 * The model-facing account of a hunk-by-hunk review: which hunks are in the file (and where) and
 * which are not, quoting the rejected ones as `-`/`+` lines, so the model never assumes its whole
 * edit landed. Empty when every hunk was accepted and nothing else changed.
 */
export function describeHunkReport(report: HunkReport): string {
  const accepted = report.hunks.filter((hunk) => hunk.status === 'accepted');
  const rejected = report.hunks.filter((hunk) => hunk.status !== 'accepted');
  if (rejected.length === 0 && !report.otherEdits) return '';
  const total = report.hunks.length;
  const lines = [
    `The person reviewed this edit hunk by hunk: ${accepted.length} of ${total} ${total === 1 ? 'hunk was' : 'hunks were'} applied, ${rejected.length} not.`,
  ];
  if (accepted.length > 0) {
    const applied = accepted.map(
      (hunk) =>
        `hunk ${hunk.index} (${span(hunk.proposedStart, hunk.added.length)} of your proposal` +
        (hunk.fileStart === undefined
          ? ')'
          : `, now ${span(hunk.fileStart, hunk.added.length)} of the file)`),
    );
    lines.push(`Applied, now in the file: ${applied.join('; ')}.`);
  }
  if (rejected.length > 0) {
    lines.push('Rejected, NOT in the file:', ...rejected.flatMap(describeRejected));
    lines.push(
      'The file holds only the applied hunks. Do not assume the rejected changes were made; if they are still needed, say so or propose them differently.',
    );
  }
  if (report.otherEdits) {
    lines.push(
      'Other lines of the file changed too while it waited (the person typing, or another accepted edit). Read the file before editing it again.',
    );
  }
  return lines.join('\n');
}
