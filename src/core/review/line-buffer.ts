import type { LineChange } from './line-change';
import { splitLines } from './text-lines';

/**
 * An edit as the editor reports it: the range it replaced (0-based lines, UTF-16 columns, in the
 * text as it was before this edit) and the text put there.
 */
export interface TextChange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

/** Above this many lines, spreading them into `splice` arguments could overflow the call stack. */
const spreadLimit = 10_000;

/**
 * A copy of a document's lines kept in step with its edits, to tell which whole lines each edit
 * replaced: pressing Enter at the end of a line inserts a line below it rather than changing it,
 * and deleting a line does not touch its neighbours. Pure; the caller feeds every edit in order.
 */
export class LineBuffer {
  #lines: string[];

  constructor(text: string) {
    this.#lines = splitLines(text);
  }

  get lines(): readonly string[] {
    return this.#lines;
  }

  /** Starts over from the document's text (after a desynchronisation, or a reload). */
  reset(text: string): void {
    this.#lines = splitLines(text);
  }

  /** Applies one edit and returns the whole lines it replaced, trimmed of lines it left as they were. */
  apply(change: TextChange): LineChange {
    const first = this.#lines[change.startLine] ?? '';
    const last = this.#lines[change.endLine] ?? '';
    const old = this.#lines.slice(change.startLine, change.endLine + 1);
    const replaced = splitLines(
      first.slice(0, change.startCharacter) + change.text + last.slice(change.endCharacter),
    );
    this.#lines =
      replaced.length < spreadLimit
        ? (this.#lines.splice(change.startLine, old.length, ...replaced), this.#lines)
        : [
            ...this.#lines.slice(0, change.startLine),
            ...replaced,
            ...this.#lines.slice(change.startLine + old.length),
          ];
    let same = 0;
    while (same < old.length && same < replaced.length && old[same] === replaced[same]) same += 1;
    let sameEnd = 0;
    while (
      sameEnd < old.length - same &&
      sameEnd < replaced.length - same &&
      old[old.length - 1 - sameEnd] === replaced[replaced.length - 1 - sameEnd]
    )
      sameEnd += 1;
    return {
      start: change.startLine + same,
      deleted: old.length - same - sameEnd,
      inserted: replaced.length - same - sameEnd,
    };
  }
}
