/** The rule that reads indentation as levels in two styles, so tabs can stand for spaces and 2 for 4. */
import type { IndentRule } from './indent-rule';
import type { IndentLevel, IndentStyle } from './indent-style';
import { describeStyle, parseIndent, renderIndent, sameStyle } from './indent-style';

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
