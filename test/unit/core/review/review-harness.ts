import { computeHunks } from '../../../../src/core/review/compute-hunks';
import type { DocumentReview } from '../../../../src/core/review/document-review';
import type { TextChange } from '../../../../src/core/review/line-buffer';
import { textChangesFor } from '../../../../src/core/review/text-changes-for';

/** Twelve numbered lines and a final break, the file most review tests start from. */
export const twelveLines = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

/** `twelveLines` with three separate hunks: line 2 replaced, a line added after line 6, line 10 removed. */
export const threeHunks = twelveLines
  .replace('line 2\n', 'line two\n')
  .replace('line 6\n', 'line 6\nline 6½\n')
  .replace('line 10\n', '');

/** Writes `text` into the document the way the editor reports it: minimal whole-line edits, in order. */
export function writeDocument(document: DocumentReview, text: string): void {
  const next = text.split('\n');
  const changes = textChangesFor(document.lines, computeHunks(document.lines, next), '\n');
  for (const change of changes) document.applyChange(change);
}

/** The person typing `text` at a 0-based line and column, as the editor reports it. */
export function typeAt(line: number, character: number, text: string): TextChange {
  return { startLine: line, startCharacter: character, endLine: line, endCharacter: character, text };
}
