import type { Hunk } from './compute-hunks';
import type { TextChange } from './line-buffer';
import type { LineBreak } from './text-lines';

/**
 * The editor edits that apply `hunks` (sorted, disjoint, in `lines`' coordinates) to a document
 * holding `lines`, each replacing whole lines only, bottom first. Their ranges are disjoint, so
 * they are valid both as one WorkspaceEdit (ranges in the original document) and applied one after
 * another (each in the document the previous left), as a `LineBuffer` does.
 */
export function textChangesFor(
  lines: readonly string[],
  hunks: readonly Hunk[],
  lineBreak: LineBreak,
): TextChange[] {
  const last = lines.length - 1;
  const lengthOf = (line: number): number => (lines[line] ?? '').length;
  return [...hunks]
    .sort((a, b) => b.start - a.start)
    .map((hunk): TextChange => {
      const end = hunk.start + hunk.removed.length;
      if (end <= last) {
        // Lines [start, end) with their breaks: the edit ends at the start of line `end`.
        return {
          startLine: hunk.start,
          startCharacter: 0,
          endLine: end,
          endCharacter: 0,
          text: hunk.added.map((line) => line + lineBreak).join(''),
        };
      }
      if (hunk.removed.length > 0 && hunk.added.length > 0) {
        // Through the last line, which has no break of its own.
        return {
          startLine: hunk.start,
          startCharacter: 0,
          endLine: last,
          endCharacter: lengthOf(last),
          text: hunk.added.join(lineBreak),
        };
      }
      // Deleting the last lines, or adding after the last: the break before them goes or comes too.
      const from = Math.max(0, hunk.start - 1);
      return {
        startLine: from,
        startCharacter: hunk.start === 0 ? 0 : lengthOf(from),
        endLine: last,
        endCharacter: lengthOf(last),
        text: hunk.added.map((line) => lineBreak + line).join(''),
      };
    });
}
