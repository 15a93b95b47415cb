import { diffArrays } from 'diff';

/**
 * One contiguous change between two texts, by lines: the lines `[start, start + removed.length)` of
 * the text it applies to become `added`. A pure insertion has no removed lines and goes before
 * line `start`; a pure deletion has no added lines.
 */
export interface Hunk {
  /** 0-based line in the text the hunk applies to. */
  start: number;
  removed: readonly string[];
  added: readonly string[];
}

/**
 * The hunks that turn `before` into `after`, in order, with no unchanged line inside a hunk and at
 * least one unchanged line between two hunks. The one line diff of the project: the `diff`
 * package's Myers diff, the engine behind the unified diffs the panel shows.
 */
export function computeHunks(before: readonly string[], after: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let line = 0;
  let open: { start: number; removed: string[]; added: string[] } | undefined;
  for (const change of diffArrays(before as string[], after as string[])) {
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = undefined;
      line += change.count;
      continue;
    }
    open ??= { start: line, removed: [], added: [] };
    const target = change.removed ? open.removed : open.added;
    // A loop, not push(...value): a change of 100k lines would overflow the call stack.
    for (const value of change.value) target.push(value);
    if (change.removed) line += change.count;
  }
  if (open) hunks.push(open);
  return hunks;
}

/** Lines the hunk adds minus lines it removes. */
export function lineDelta(hunk: Hunk): number {
  return hunk.added.length - hunk.removed.length;
}
