import { diffIndices } from 'node-diff3';

/** What re-basing a proposal onto the file as it is now gave. */
export type RebaseResult =
  /** Both changes apply: `text` holds the person's and the proposal's. */
  | { kind: 'merged'; text: string }
  /** The changes overlap; `lines` are 1-based, inclusive, in the file as it is now. */
  | { kind: 'overlap'; lines: { first: number; last: number } };

/** One side's change to the base: base lines `[start, end)` become `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
  /** Where the change sits in that side's own text, for the message to the person. */
  sideStart: number;
  side: 'current' | 'proposed';
}

/** Lines with their terminators, so joining them gives the text back byte for byte. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function hunks(base: string[], side: string[], name: Hunk['side']): Hunk[] {
  return diffIndices(base, side).map((hunk) => ({
    start: hunk.buffer1[0],
    end: hunk.buffer1[0] + hunk.buffer1[1],
    lines: hunk.buffer2Content,
    sideStart: hunk.buffer2[0],
    side: name,
  }));
}

function sameHunk(a: Hunk, b: Hunk): boolean {
  return a.start === b.start && a.end === b.end && a.lines.join('') === b.lines.join('');
}

/**
 * Two changes overlap when they replace a common base line, when both insert at the same place,
 * or when one inserts strictly inside the lines the other replaces. Changes that only touch
 * (one ends where the other starts) do not: that is the person's line typed at the end of a file
 * whose first line the agent edits.
 */
function overlaps(a: Hunk, b: Hunk): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return false;
}

function overlapLines(hunk: Hunk, other: Hunk): { first: number; last: number } {
  const current = hunk.side === 'current' ? hunk : other;
  const first = current.sideStart + 1;
  return { first, last: Math.max(first, current.sideStart + current.lines.length) };
}

/** Text without a final line break gets one, so appending a line does not count as editing the last. */
function terminated(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Re-bases a proposal made against `base` onto `current` (the file as the person has it now,
 * unsaved typing included): a three-way merge by lines. The hunks come from node-diff3's LCS; they
 * are combined here rather than with its `diff3Merge`, which treats changes that merely touch as a
 * conflict. Only changes that really overlap are refused.
 */
export function rebaseEdit(options: { base: string; current: string; proposed: string }): RebaseResult {
  const base = splitLines(terminated(options.base));
  const current = hunks(base, splitLines(terminated(options.current)), 'current');
  const proposed = hunks(base, splitLines(terminated(options.proposed)), 'proposed');
  const changes: Hunk[] = [...current];
  for (const hunk of proposed) {
    if (current.some((mine) => sameHunk(mine, hunk))) continue;
    const clash = current.find((mine) => overlaps(mine, hunk));
    if (clash !== undefined) return { kind: 'overlap', lines: overlapLines(clash, hunk) };
    changes.push(hunk);
  }
  // Insertions before replacements at the same base line: a line typed above an edited one stays above it.
  changes.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  const merged: string[] = [];
  let position = 0;
  for (const change of changes) {
    merged.push(...base.slice(position, change.start), ...change.lines);
    position = change.end;
  }
  merged.push(...base.slice(position));
  return { kind: 'merged', text: finalBreak(merged.join(''), options) };
}

/** The merged text ends with a line break when the side that last changed the ending says so. */
function finalBreak(text: string, options: { base: string; current: string; proposed: string }): string {
  const ends = (value: string): boolean => value === '' || value.endsWith('\n');
  const wanted =
    ends(options.current) !== ends(options.base) ? ends(options.current) : ends(options.proposed);
  return wanted || !text.endsWith('\n') ? text : text.slice(0, -1);
}
