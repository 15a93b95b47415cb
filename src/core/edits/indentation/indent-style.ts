/**
 * Indentation read as levels. A text spells one level as a tab, as n spaces, or (old Emacs style)
 * as n columns written with a tab for every 8; what is left after the whole levels aligns rather
 * than indents (the space before a block comment's `*`). Reading the model's indentation and the
 * file's in those terms lets the matcher compare structure instead of bytes, and lets new_string be
 * written back in the file's own spelling — the same reading as the editor's "Convert Indentation".
 */
import { splitIndent } from '../line-table';

/** How a text spells indentation. */
export type IndentStyle =
  { kind: 'tabs' } | { kind: 'spaces'; unit: number } | { kind: 'mixed'; unit: number; tabWidth: number };

/** One indentation in a style: whole levels, then spaces that align. */
export interface IndentLevel {
  level: number;
  align: number;
}

/** The emacs default: tabs stand for 8 columns in files that mix tabs and spaces. */
const mixedTabWidth = 8;

/**
 * Reads `indent` (spaces and tabs only) in `style`; undefined when the style cannot spell it: a
 * space before a tab, or a tab in a spaces-only style.
 */
export function parseIndent(indent: string, style: IndentStyle): IndentLevel | undefined {
  const parts = /^(\t*)( *)$/.exec(indent);
  if (!parts) return undefined;
  const tabs = parts[1]?.length ?? 0;
  const spaces = parts[2]?.length ?? 0;
  switch (style.kind) {
    case 'tabs':
      return { level: tabs, align: spaces };
    case 'spaces':
      return tabs > 0 ? undefined : { level: Math.floor(spaces / style.unit), align: spaces % style.unit };
    case 'mixed': {
      const width = tabs * style.tabWidth + spaces;
      return { level: Math.floor(width / style.unit), align: width % style.unit };
    }
  }
}

/** Writes an indentation in `style`, the inverse of {@link parseIndent} on the spellings it accepts. */
export function renderIndent({ level, align }: IndentLevel, style: IndentStyle): string {
  switch (style.kind) {
    case 'tabs':
      return '\t'.repeat(level) + ' '.repeat(align);
    case 'spaces':
      return ' '.repeat(level * style.unit + align);
    case 'mixed': {
      const width = level * style.unit + align;
      return '\t'.repeat(Math.floor(width / style.tabWidth)) + ' '.repeat(width % style.tabWidth);
    }
  }
}

/** True when both styles spell every indentation the same way. */
export function sameStyle(first: IndentStyle, second: IndentStyle): boolean {
  return describeStyle(first) === describeStyle(second);
}

/** The style in words, for messages: "tabs", "4 spaces", "4 columns with a tab for every 8". */
export function describeStyle(style: IndentStyle): string {
  switch (style.kind) {
    case 'tabs':
      return 'tabs';
    case 'spaces':
      return `${style.unit} spaces`;
    case 'mixed':
      return `${style.unit} columns with a tab for every ${style.tabWidth}`;
  }
}

/** Space counts that make one level; other steps are hanging indents or alignment. */
const units = new Set([2, 3, 4, 8]);

/**
 * The step by which space-indented lines go one level deeper: the most frequent increase between
 * consecutive non-blank lines of each group that is a plausible unit (2, 3, 4 or 8 spaces), the
 * smaller on a tie. A one-space step aligns (a comment's `*`) and other steps are hanging indents,
 * so they do not count; a decrease may close several levels at once, so it does not either. Lines
 * indented with tabs break the run.
 */
export function spaceUnit(groups: readonly (readonly string[])[]): number | undefined {
  const increases = new Map<number, number>();
  for (const indents of groups) {
    let previous: number | undefined;
    for (const indent of indents) {
      if (!/^ *$/.test(indent)) {
        previous = undefined;
        continue;
      }
      const step = previous === undefined ? 0 : indent.length - previous;
      if (units.has(step)) increases.set(step, (increases.get(step) ?? 0) + 1);
      previous = indent.length;
    }
  }
  let best: [step: number, count: number] | undefined;
  for (const [step, count] of increases)
    if (!best || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  return best?.[0];
}

/**
 * Without a step to go by, the widest of 8, 4 and 2 spaces that every width is a whole number of
 * levels of, give or take one aligning space; else the narrowest width. Undefined without widths.
 */
function unitOfWidths(widths: readonly number[]): number | undefined {
  const indented = widths.filter((width) => width >= 2);
  if (indented.length === 0) return undefined;
  const fits = (unit: number) => indented.every((width) => width % unit <= 1);
  return [8, 4, 2].find(fits) ?? Math.min(...indented);
}

function indentsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => splitIndent(line)[0]);
}

/**
 * The style the model wrote old_string and new_string in, read from both together; undefined when
 * it puts spaces before tabs (no level reading exists).
 */
export function modelIndentStyle(texts: readonly string[]): IndentStyle | undefined {
  const groups = texts.map(indentsOf);
  const indents = groups.flat();
  if (indents.some((indent) => indent.includes('\t')))
    return indents.every((indent) => /^\t* *$/.test(indent)) ? { kind: 'tabs' } : undefined;
  const widths = indents.map((indent) => indent.length);
  return { kind: 'spaces', unit: spaceUnit(groups) ?? unitOfWidths(widths) ?? 4 };
}

/** What the whole file says about its indentation; computed once per edit. */
export interface FileIndentProfile {
  /** Lines indented with a tab first, and with a space first. */
  tabLines: number;
  spaceLines: number;
  /** The file's space unit, from its space-indented lines. */
  unit: number | undefined;
  /** Some line aligns with two or more spaces after its tabs (`\t\t    b)`). */
  alignsAfterTabs: boolean;
  /**
   * Whether the file reads as old Emacs style: levels of `unit` columns, every 8 columns written as
   * a tab. Only then is a tab taken for several levels; tab-then-spaces files are read as tabs.
   */
  mixed: boolean;
}

/** Profiles the indentation of `content`. */
export function fileIndentProfile(content: string): FileIndentProfile {
  const indents = indentsOf(content);
  const unit = spaceUnit([indents]);
  const tabLines = indents.filter((indent) => indent.startsWith('\t')).length;
  const spaceLines = indents.filter((indent) => indent.startsWith(' ')).length;
  const mixed = unit !== undefined && readsAsMixed(indents, unit);
  const alignsAfterTabs = indents.some((indent) => /^\t+ {2,}$/.test(indent));
  return { tabLines, spaceLines, unit, mixed, alignsAfterTabs };
}

/**
 * Old Emacs style shows levels both ways: at least twice in spaces alone (below 8 columns) and at
 * least twice as a tab followed by a level of spaces, and never in a spelling Emacs would not
 * write (8 spaces or more without a tab, a space before a tab).
 */
function readsAsMixed(indents: readonly string[], unit: number): boolean {
  if (unit >= mixedTabWidth) return false;
  let spacesOnly = 0;
  let tabThenSpaces = 0;
  for (const indent of indents) {
    const parts = /^(\t*)( *)$/.exec(indent);
    const tabs = parts?.[1]?.length ?? 0;
    const spaces = parts?.[2]?.length ?? 0;
    if (!parts || spaces >= mixedTabWidth) return false;
    if (tabs === 0 && spaces >= unit) spacesOnly++;
    if (tabs > 0 && spaces >= unit) tabThenSpaces++;
  }
  return spacesOnly >= 2 && tabThenSpaces >= 2;
}

/** What a stretch of the file shows of its indentation. */
export interface StretchIndents {
  /** The indentation of the stretch's non-blank lines. */
  indents: readonly string[];
  /** The indentation of the non-blank lines around it, whose unit comes before the file's. */
  nearby: readonly string[];
  profile: FileIndentProfile;
}

/**
 * The styles a stretch of the file may be written in, most likely first. A stretch with no
 * indentation of its own (none, or one aligning space as before a comment's `*`) takes the file's
 * majority kind.
 */
export function fileStyleCandidates({ indents, nearby, profile }: StretchIndents): IndentStyle[] {
  const found = [spaceUnit([nearby]), profile.unit].filter((unit) => unit !== undefined);
  const spaceUnits = [...new Set(found.length > 0 ? found : [4])];
  const spaces = spaceUnits.map((unit): IndentStyle => ({ kind: 'spaces', unit }));
  const hasTabs = indents.some((indent) => indent.includes('\t'));
  if (profile.mixed && profile.unit !== undefined) {
    const mixed: IndentStyle = { kind: 'mixed', unit: profile.unit, tabWidth: mixedTabWidth };
    return hasTabs ? [mixed, { kind: 'tabs' }] : [mixed, ...spaces];
  }
  if (hasTabs) return [{ kind: 'tabs' }];
  const indented = indents.some((indent) => indent.length >= 2);
  if (indented || profile.spaceLines >= profile.tabLines) return spaces;
  return [{ kind: 'tabs' }];
}
