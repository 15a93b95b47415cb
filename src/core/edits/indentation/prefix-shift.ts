/** The rule that keeps the model's own spelling of indentation, a uniform prefix added or removed. */
import type { IndentRule } from './indent-rule';
import type { IndentStyle } from './indent-style';
import { sameStyle } from './indent-style';

interface Shift {
  kind: 'add' | 'remove';
  text: string;
}

function shiftBetween(modelIndent: string, fileIndent: string): Shift | undefined {
  if (fileIndent.endsWith(modelIndent))
    return { kind: 'add', text: fileIndent.slice(0, fileIndent.length - modelIndent.length) };
  if (modelIndent.endsWith(fileIndent))
    return { kind: 'remove', text: modelIndent.slice(0, modelIndent.length - fileIndent.length) };
  return undefined;
}

function sameShift(first: Shift, second: Shift): boolean {
  if (first.text === '' || second.text === '') return first.text === second.text;
  return first.kind === second.kind && first.text === second.text;
}

/**
 * The same prefix added to (or removed from) every line: the model's own spelling otherwise kept.
 * For a depth the quoted lines did not show, that spelling is trusted unless the model is known to
 * spell levels differently from the file; then the new depth is refused rather than written in the
 * model's unit.
 */
export class PrefixShift implements IndentRule {
  #shift: Shift | undefined;
  #seen = new Set<string>();

  constructor(
    readonly model?: IndentStyle,
    readonly file?: IndentStyle,
  ) {}

  accept(modelIndent: string, fileIndent: string): boolean {
    const shift = shiftBetween(modelIndent, fileIndent);
    if (!shift) return false;
    if (this.#shift === undefined) this.#shift = shift;
    if (!sameShift(this.#shift, shift)) return false;
    this.#seen.add(modelIndent);
    return true;
  }

  map(modelIndent: string): string | undefined {
    const shift = this.#shift;
    if (!shift) return modelIndent;
    const trusted = !this.model || !this.file || sameStyle(this.model, this.file);
    if (!this.#seen.has(modelIndent) && !trusted) return undefined;
    if (shift.kind === 'add') return shift.text + modelIndent;
    return modelIndent.startsWith(shift.text) ? modelIndent.slice(shift.text.length) : undefined;
  }

  get changed(): boolean {
    return this.#shift !== undefined && this.#shift.text !== '';
  }

  describe(): string {
    const shift = this.#shift;
    if (!shift) return 'the indentation is unchanged';
    return `the file has ${JSON.stringify(shift.text)} ${shift.kind === 'add' ? 'more' : 'less'} indentation than old_string`;
  }

  clone(): PrefixShift {
    const copy = new PrefixShift(this.model, this.file);
    copy.#shift = this.#shift;
    copy.#seen = new Set(this.#seen);
    return copy;
  }
}
