/**
 * How one candidate match carries the model's indentation onto the file's. The first quoted line
 * fixes the rule; every later quoted line must agree with it exactly, so a match never bends the
 * structure the model quoted. Two rules exist: a uniform prefix added or removed (the model's
 * spelling kept byte for byte), and a level map between two indentation styles (tabs for spaces,
 * 2-space for 4-space units, levels more or fewer).
 */
import type { IndentStyle } from './indent-style';
import { describeStyle, parseIndent, renderIndent, sameStyle } from './indent-style';

/** A way of reading the model's indentation as the file's; stateful while a window is matched. */
export interface IndentRule {
  /** Accepts a quoted line's indentation against its file line's; false when it contradicts the rule. */
  accept(modelIndent: string, fileIndent: string): boolean;
  /**
   * The file's indentation for an indentation of new_string, or undefined when this rule cannot
   * carry it over safely. `previous` is the indentation of the line of new_string before it.
   */
  map(modelIndent: string, previous: string | undefined): string | undefined;
  /** True once a quoted line's indentation differed from its file line's. */
  readonly changed: boolean;
  /** For messages: how the file's indentation differs from the model's. */
  describe(): string;
  clone(): IndentRule;
}

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

/** The same prefix added to (or removed from) every line: the model's own spelling otherwise kept. */
export class PrefixShift implements IndentRule {
  #shift: Shift | undefined;

  accept(modelIndent: string, fileIndent: string): boolean {
    const shift = shiftBetween(modelIndent, fileIndent);
    if (!shift) return false;
    if (this.#shift === undefined) this.#shift = shift;
    return sameShift(this.#shift, shift);
  }

  map(modelIndent: string): string | undefined {
    const shift = this.#shift;
    if (!shift) return modelIndent;
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
    const copy = new PrefixShift();
    copy.#shift = this.#shift;
    return copy;
  }
}

/**
 * The model's levels, in its style, are the file's levels in the file's style plus a constant; the
 * spaces that align are kept. Indentations the quoted lines showed map as they matched. Between two
 * different styles a new indentation is carried over only where levels are unambiguous: an
 * alignment of more than one space, or a step of more than one level deeper than the line before,
 * is a hanging indent whose width the levels do not decide, so it is refused.
 */
export class LevelMap implements IndentRule {
  #delta: number | undefined;
  #seen = new Map<string, string>();
  #changed = false;

  constructor(
    readonly model: IndentStyle,
    readonly file: IndentStyle,
  ) {}

  accept(modelIndent: string, fileIndent: string): boolean {
    const seen = this.#seen.get(modelIndent);
    if (seen !== undefined) return seen === fileIndent;
    const read = parseIndent(modelIndent, this.model);
    const found = parseIndent(fileIndent, this.file);
    if (!read || !found || read.align !== found.align) return false;
    const delta = found.level - read.level;
    this.#delta ??= delta;
    if (delta !== this.#delta || renderIndent(found, this.file) !== fileIndent) return false;
    this.#seen.set(modelIndent, fileIndent);
    if (modelIndent !== fileIndent) this.#changed = true;
    return true;
  }

  map(modelIndent: string, previous: string | undefined): string | undefined {
    const seen = this.#seen.get(modelIndent);
    if (seen !== undefined) return seen;
    const read = parseIndent(modelIndent, this.model);
    if (!read || this.#delta === undefined || read.level + this.#delta < 0) return undefined;
    if (!sameStyle(this.model, this.file)) {
      const before = previous === undefined ? undefined : parseIndent(previous, this.model);
      if (read.align > 1 || (before && read.level - before.level > 1)) return undefined;
    }
    return renderIndent({ level: read.level + this.#delta, align: read.align }, this.file);
  }

  get changed(): boolean {
    return this.#changed;
  }

  describe(): string {
    if (!sameStyle(this.model, this.file))
      return `the file indents with ${describeStyle(this.file)} where old_string used ${describeStyle(this.model)}`;
    const delta = this.#delta ?? 0;
    const levels = `${Math.abs(delta)} level${Math.abs(delta) === 1 ? '' : 's'}`;
    return `the file is indented ${levels} ${delta > 0 ? 'deeper' : 'shallower'} than old_string`;
  }

  clone(): LevelMap {
    const copy = new LevelMap(this.model, this.file);
    copy.#delta = this.#delta;
    copy.#seen = new Map(this.#seen);
    copy.#changed = this.#changed;
    return copy;
  }
}

/**
 * The rules to try on one window, in order: a level map into each style the file may use there
 * (so new_string lands in the file's own unit), then a plain prefix shift.
 */
export function indentRules(
  model: IndentStyle | undefined,
  fileStyles: readonly IndentStyle[],
): IndentRule[] {
  const maps = model ? fileStyles.map((style) => new LevelMap(model, style)) : [];
  return [...maps, new PrefixShift()];
}
