/** Which lines of new_string repeat a line of old_string unchanged, by a longest-common-subsequence diff. */
import { diffArrays } from 'diff';

/**
 * Maps the index of each line of `newLines` that the diff keeps from `oldLines` to its index
 * there. Lines compare exactly, as the model wrote them.
 */
export function unchangedLines(
  oldLines: readonly string[],
  newLines: readonly string[],
): Map<number, number> {
  const kept = new Map<number, number>();
  let oldIndex = 0;
  let newIndex = 0;
  for (const part of diffArrays([...oldLines], [...newLines])) {
    const count = part.value.length;
    if (!part.added && !part.removed)
      for (let offset = 0; offset < count; offset++) kept.set(newIndex + offset, oldIndex + offset);
    if (!part.added) oldIndex += count;
    if (!part.removed) newIndex += count;
  }
  return kept;
}
