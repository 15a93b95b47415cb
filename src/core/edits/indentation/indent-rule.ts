/**
 * How one candidate match carries the model's indentation onto the file's. The first quoted line
 * fixes the rule; every later quoted line must agree with it exactly, so a match never bends the
 * structure the model quoted. Three rules exist: a level map between two indentation styles (tabs
 * for spaces, 2-space for 4-space units, levels more or fewer), a uniform prefix added or removed
 * (the model's spelling kept byte for byte), and, where the file mixes tabs and spaces, a reading
 * in columns that only reuses the depths quoted.
 */
import type { IndentStyle } from './indent-style';
import { ColumnMap } from './column-map';
import { LevelMap } from './level-map';
import { PrefixShift } from './prefix-shift';

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
