import type { Hunk } from './compute-hunks';

/** True when `lines` hold exactly the hunk's removed lines at its start. */
export function hunkFits(lines: readonly string[], hunk: Hunk): boolean {
  if (hunk.start < 0 || hunk.start + hunk.removed.length > lines.length) return false;
  return hunk.removed.every((removed, offset) => lines[hunk.start + offset] === removed);
}

/**
 * The lines with the hunks applied. The hunks must be in the lines' own coordinates and must not
 * overlap (two insertions at one line go in the order given); throws a RangeError otherwise, which
 * is a programming error, never a person's doing. Does not check the removed lines: see `hunkFits`.
 */
export function applyHunks(lines: readonly string[], hunks: readonly Hunk[]): string[] {
  const sorted = [...hunks].sort((a, b) => a.start - b.start);
  const result: string[] = [];
  let position = 0;
  for (const hunk of sorted) {
    if (hunk.start < position || hunk.start + hunk.removed.length > lines.length) {
      throw new RangeError(`hunk at line ${hunk.start} overlaps another or ends past the text`);
    }
    for (let index = position; index < hunk.start; index += 1) result.push(lines[index] as string);
    for (const added of hunk.added) result.push(added);
    position = hunk.start + hunk.removed.length;
  }
  for (let index = position; index < lines.length; index += 1) result.push(lines[index] as string);
  return result;
}
