/**
 * How one candidate match carries the model's indentation onto the file's. The first quoted line
 * fixes the rule; every later quoted line must agree with it exactly, so a match never bends the
 * structure the model quoted. Two rules exist: a uniform prefix added or removed (the model's
 * spelling kept byte for byte), and a level map between two indentation styles (tabs for spaces,
 * 2-space for 4-space units, levels more or fewer).
 */
import type { IndentLevel, IndentStyle } from './indent-style';
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

/** The two styles a level map reads between. */
export interface LevelMapOptions {
  model: IndentStyle;
  file: IndentStyle;
  /** The file aligns with spaces after tabs (`\t\t    b)`), so a deeper new line may be alignment. */
  alignsAfterTabs?: boolean;
}

/**
 * The model's levels, in its style, are the file's levels in the file's style plus a constant; the
 * spaces that align are kept. Indentations the quoted lines showed map as they matched. A new
 * indentation is carried over only where levels decide it: when the model writes a level with a
 * different width than the file (2 for 4 spaces, spaces for tabs), an alignment of more than one
 * space or a step of more than one level deeper than the line before is a hanging indent whose width
 * levels do not decide, and is refused. In a file that aligns with spaces after its tabs, any new
 * deeper line is. Tabs written for a space-indented file are levels by definition, so never refused.
 */
export class LevelMap implements IndentRule {
  #delta: number | undefined;
  #seen = new Map<string, string>();
  #changed = false;

  readonly model: IndentStyle;
  readonly file: IndentStyle;
  readonly alignsAfterTabs: boolean;

  constructor(options: LevelMapOptions) {
    this.model = options.model;
    this.file = options.file;
    this.alignsAfterTabs = options.alignsAfterTabs ?? false;
  }

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
    if (this.#ambiguous(read, previous)) return undefined;
    return renderIndent({ level: read.level + this.#delta, align: read.align }, this.file);
  }

  get changed(): boolean {
    return this.#changed;
  }

  #ambiguous(read: IndentLevel, previous: string | undefined): boolean {
    if (sameStyle(this.model, this.file) || (this.model.kind === 'tabs' && this.file.kind === 'spaces'))
      return false;
    const before = previous === undefined ? undefined : parseIndent(previous, this.model);
    const step = before ? read.level - before.level : 0;
    const strict = this.alignsAfterTabs && this.model.kind === 'spaces' && this.file.kind === 'tabs';
    return read.align > 1 || step > (strict ? 0 : 1);
  }

  describe(): string {
    if (!sameStyle(this.model, this.file))
      return `the file indents with ${describeStyle(this.file)} where old_string used ${describeStyle(this.model)}`;
    const delta = this.#delta ?? 0;
    const levels = `${Math.abs(delta)} level${Math.abs(delta) === 1 ? '' : 's'}`;
    return `the file is indented ${levels} ${delta > 0 ? 'deeper' : 'shallower'} than old_string`;
  }

  clone(): LevelMap {
    const copy = new LevelMap(this);
    copy.#delta = this.#delta;
    copy.#seen = new Map(this.#seen);
    copy.#changed = this.#changed;
    return copy;
  }
}

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

/** What the rules for one window are built from. */
export interface IndentRulesOptions {
  /** The model's style; undefined when no level reading of its text exists. */
  model: IndentStyle | undefined;
  /** The styles the file may use at the window, most likely first. */
  fileStyles: readonly IndentStyle[];
  alignsAfterTabs?: boolean;
  /** The window mixes lines indented with tabs and with spaces. */
  mixesKinds?: boolean;
}

/**
 * The rules to try on one window, in order: a level map into each style the file may use there
 * (so new_string lands in the file's own unit), then a plain prefix shift, then for a window that
 * mixes tabs and spaces a column reading with tabs of 4 and of 8.
 */
export function indentRules(options: IndentRulesOptions): IndentRule[] {
  const { model, fileStyles, alignsAfterTabs } = options;
  const maps = model ? fileStyles.map((file) => new LevelMap({ model, file, alignsAfterTabs })) : [];
  const columnMaps = options.mixesKinds ? [new ColumnMap(4), new ColumnMap(8)] : [];
  return [...maps, new PrefixShift(model, fileStyles[0]), ...columnMaps];
}
