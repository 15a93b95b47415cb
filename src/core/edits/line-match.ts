/**
 * One quoted line against one file line, under the tolerant rules: quote style, trailing
 * whitespace, and an indentation rule that must hold for every line of a match.
 */
import type { IndentRule } from './indentation/indent-rule';
import type { Line } from './line-table';
import { splitIndent } from './line-table';
import type { QuoteKind } from './quote-style';
import { isCurlyQuote, quoteKind, straightenQuotes } from './quote-style';

/** A difference the matcher forgave; the replacement is adapted for each. */
export type Tolerance =
  | 'quotes'
  | 'trailing-whitespace'
  | 'line-endings'
  | 'final-newline'
  | 'indentation'
  | 'line-numbers'
  | 'escaping';

/** What one candidate match has forgiven so far; cloned to try alternatives. */
export class WindowState {
  curl = new Set<QuoteKind>();
  straighten = new Set<QuoteKind>();
  stripTrailing = false;
  tolerance = new Set<Tolerance>();

  constructor(public indent: IndentRule) {}

  clone(): WindowState {
    const copy = new WindowState(this.indent.clone());
    copy.curl = new Set(this.curl);
    copy.straighten = new Set(this.straighten);
    copy.stripTrailing = this.stripTrailing;
    copy.tolerance = new Set(this.tolerance);
    return copy;
  }

  acceptIndent(modelIndent: string, fileIndent: string): boolean {
    if (!this.indent.accept(modelIndent, fileIndent)) return false;
    if (this.indent.changed) this.tolerance.add('indentation');
    return true;
  }

  /** Equal up to quote style; records the direction of each quote difference. */
  compareText(model: string, file: string): boolean {
    if (model.length !== file.length || straightenQuotes(model) !== straightenQuotes(file)) return false;
    for (let index = 0; index < model.length; index++) {
      const modelChar = model.charAt(index);
      const fileChar = file.charAt(index);
      if (modelChar === fileChar) continue;
      const kind = quoteKind(modelChar);
      if (!kind) return false;
      (isCurlyQuote(modelChar) && !isCurlyQuote(fileChar) ? this.straighten : this.curl).add(kind);
      this.tolerance.add('quotes');
    }
    return true;
  }

  noteTrailing(modelRest: string, fileRest: string): void {
    const modelTrimmed = modelRest.trimEnd();
    const fileTrimmed = fileRest.trimEnd();
    if (modelRest.slice(modelTrimmed.length) === fileRest.slice(fileTrimmed.length)) return;
    this.tolerance.add('trailing-whitespace');
    if (modelRest.length !== modelTrimmed.length && fileRest.length === fileTrimmed.length)
      this.stripTrailing = true;
  }
}

/** The whole model line against the whole file line. */
export function matchWhole(model: string, line: Line, state: WindowState): boolean {
  const [modelIndent, modelRest] = splitIndent(model);
  const [fileIndent, fileRest] = splitIndent(line.text);
  const modelTrimmed = modelRest.trimEnd();
  const fileTrimmed = fileRest.trimEnd();
  if (modelTrimmed === '' || fileTrimmed === '') {
    if (modelTrimmed !== fileTrimmed) return false;
    if (model !== line.text) state.tolerance.add('trailing-whitespace');
    return true;
  }
  if (!state.acceptIndent(modelIndent, fileIndent)) return false;
  if (!state.compareText(modelTrimmed, fileTrimmed)) return false;
  state.noteTrailing(modelRest, fileRest);
  return true;
}

/** Part of a line says something only with a letter or digit in it: `}` is the tail of too many lines. */
const telling = /[\p{L}\p{N}]/u;

/** The model's first line as the tail of a file line; returns the start column or -1. */
export function matchSuffix(model: string, line: Line, state: WindowState): number {
  if (model === '') return line.text.length;
  const modelTrimmed = model.trimEnd();
  const fileTrimmed = line.text.trimEnd();
  if (!telling.test(modelTrimmed) || fileTrimmed.length <= modelTrimmed.length) return -1;
  const column = fileTrimmed.length - modelTrimmed.length;
  // Starting at the line's text (after its indentation) is a whole-line match, which must honour the indentation rule.
  if (column <= splitIndent(line.text)[0].length) return -1;
  if (!state.compareText(modelTrimmed, fileTrimmed.slice(column))) return -1;
  state.noteTrailing(model, line.text);
  return column;
}

/** The model's last line as the head of a file line; returns the end column or -1. */
export function matchPrefix(model: string, line: Line, state: WindowState): number {
  const [modelIndent, modelRest] = splitIndent(model);
  const [fileIndent, fileRest] = splitIndent(line.text);
  if (modelRest === '') {
    const expected = state.indent.map(modelIndent, undefined);
    return expected !== undefined && line.text.startsWith(expected) ? expected.length : -1;
  }
  if (!telling.test(modelRest) || fileRest.length < modelRest.length) return -1;
  if (!state.acceptIndent(modelIndent, fileIndent)) return -1;
  return state.compareText(modelRest, fileRest.slice(0, modelRest.length))
    ? fileIndent.length + modelRest.length
    : -1;
}
