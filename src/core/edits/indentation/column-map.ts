/** The rule for stretches that mix tabs and spaces: indentation compared in columns. */
import type { IndentRule } from './indent-rule';

/** The width of an indentation in columns, each tab reaching the next multiple of `tabWidth`. */
function columns(indent: string, tabWidth: number): number {
  let width = 0;
  for (const char of indent)
    width = char === '\t' ? (Math.floor(width / tabWidth) + 1) * tabWidth : width + 1;
  return width;
}

/**
 * For a stretch of the file that mixes tabs and spaces with no level reading: the model's
 * indentation is the file's in columns, plus a constant. A new depth has no one spelling in such a
 * stretch, so only indentations the quoted lines showed are carried over; new_string may reuse them
 * and nothing else.
 */
export class ColumnMap implements IndentRule {
  #delta: number | undefined;
  #seen = new Map<string, string>();
  #changed = false;

  constructor(readonly tabWidth: number) {}

  accept(modelIndent: string, fileIndent: string): boolean {
    const seen = this.#seen.get(modelIndent);
    if (seen !== undefined) return seen === fileIndent;
    const delta = columns(fileIndent, this.tabWidth) - columns(modelIndent, this.tabWidth);
    this.#delta ??= delta;
    if (delta !== this.#delta) return false;
    this.#seen.set(modelIndent, fileIndent);
    if (modelIndent !== fileIndent) this.#changed = true;
    return true;
  }

  map(modelIndent: string): string | undefined {
    return this.#seen.get(modelIndent);
  }

  get changed(): boolean {
    return this.#changed;
  }

  describe(): string {
    return `the file mixes tabs and spaces (a tab read as ${this.tabWidth} columns), so only depths old_string shows can be written`;
  }

  clone(): ColumnMap {
    const copy = new ColumnMap(this.tabWidth);
    copy.#delta = this.#delta;
    copy.#seen = new Map(this.#seen);
    copy.#changed = this.#changed;
    return copy;
  }
}
