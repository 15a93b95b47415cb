import { computeHunks } from './compute-hunks';

/** A change by whole lines: lines `[start, start + deleted)` were replaced by `inserted` new lines. */
export interface LineChange {
  start: number;
  deleted: number;
  inserted: number;
}

/** Where a range of lines went after a change: moved (or not) to `start`, or touched by it. */
export type ShiftedRange = { kind: 'kept'; start: number } | { kind: 'touched' };

/**
 * Follows the lines `[start, start + length)` through a change. Lines the change replaced are
 * touched; a change that only borders the range (a line typed right above or below it) is not.
 * An empty range is a point between lines `start - 1` and `start`: lines inserted at that point go
 * above it, and editing either neighbour leaves it alone.
 */
export function shiftRange(range: { start: number; length: number }, change: LineChange): ShiftedRange {
  const { start, length } = range;
  const end = start + length;
  const delta = change.inserted - change.deleted;
  if (change.deleted === 0 && change.inserted === 0) return { kind: 'kept', start };
  if (change.deleted === 0) {
    if (change.start <= start) return { kind: 'kept', start: start + delta };
    return change.start >= end ? { kind: 'kept', start } : { kind: 'touched' };
  }
  if (change.start + change.deleted <= start) return { kind: 'kept', start: start + delta };
  if (change.start >= end) return { kind: 'kept', start };
  return { kind: 'touched' };
}

/**
 * The line changes that turn `before` into `after`, bottom first, so each one's `start` is valid
 * after applying the ones before it in the list.
 */
export function lineChangesBetween(before: readonly string[], after: readonly string[]): LineChange[] {
  return computeHunks(before, after)
    .reverse()
    .map((hunk) => ({ start: hunk.start, deleted: hunk.removed.length, inserted: hunk.added.length }));
}
