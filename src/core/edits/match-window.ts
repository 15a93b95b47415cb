/**
 * Matches the model's quoted lines against one stretch of the file, line for line, under an
 * indentation rule fixed by the first line. A window covers exactly the lines quoted: the first may
 * be the tail of a file line and the last its head, but no line is skipped and none is added.
 */
import type { IndentRule } from './indentation/indent-rule';
import { PrefixShift } from './indentation/prefix-shift';
import { matchPrefix, matchSuffix, matchWhole, WindowState } from './line-match';
import type { Line } from './line-table';
import { straightenQuotes } from './quote-style';

/** Where a match lies, with the file's text for each quoted line matched whole. */
export interface Window {
  start: number;
  end: number;
  startsAtLineStart: boolean;
  endsAtLineEnd: boolean;
  /** Per quoted line: the file line's whole text, or undefined where only part of it was quoted. */
  fileText: (string | undefined)[];
}

/** A window and what was forgiven to match it. */
export interface Located {
  window: Window;
  state: WindowState;
}

/** One stretch to try: the model's lines against the file's lines from `first`. */
export interface WindowInput {
  lines: readonly Line[];
  first: number;
  body: readonly string[];
  endsWithNewline: boolean;
  /** Matches must start at the beginning of a line. */
  lineStart: boolean;
  /** Fresh indentation rules for this stretch, in the order to try them. */
  rules: () => IndentRule[];
}

/** Tries `attempt` on a copy of the state; keeps the copy only when it succeeds. */
function tryOn<T>(
  state: { current: WindowState },
  attempt: (copy: WindowState) => T,
  ok: (value: T) => boolean,
): T {
  const copy = state.current.clone();
  const value = attempt(copy);
  if (ok(value)) state.current = copy;
  return value;
}

/** A multi-line window; the first line is tried as a whole line, then as the tail of a line. */
export function matchWindow(input: WindowInput): Located | undefined {
  for (const firstAsSuffix of input.lineStart ? [false] : [false, true]) {
    for (const rule of input.rules()) {
      const holder = { current: new WindowState(rule) };
      const window = matchLines(input, holder, firstAsSuffix);
      if (window) return { window, state: holder.current };
    }
  }
  return undefined;
}

function matchLines(
  input: WindowInput,
  holder: { current: WindowState },
  firstAsSuffix: boolean,
): Window | undefined {
  const { lines, first, body, endsWithNewline } = input;
  const window: Window = { start: 0, end: 0, startsAtLineStart: true, endsAtLineEnd: true, fileText: [] };
  const last = body.length - 1;
  for (let index = 0; index <= last; index++) {
    const line = lines[first + index];
    const model = body[index];
    if (line === undefined || model === undefined) return undefined;
    const isLast = index === last && !endsWithNewline;
    const wholeAllowed = !(firstAsSuffix && index === 0);
    if (wholeAllowed && tryOn(holder, (copy) => matchWhole(model, line, copy), Boolean)) {
      if (index === 0) window.start = line.start;
      if (isLast) window.end = line.start + line.text.length;
      window.fileText.push(line.text);
      continue;
    }
    window.fileText.push(undefined);
    if (index === 0 && firstAsSuffix && !isLast) {
      const column = tryOn(
        holder,
        (copy) => matchSuffix(model, line, copy),
        (value) => value >= 0,
      );
      if (column < 0) return undefined;
      window.start = line.start + column;
      window.startsAtLineStart = column === 0;
    } else if (isLast && index > 0) {
      const column = tryOn(
        holder,
        (copy) => matchPrefix(model, line, copy),
        (value) => value >= 0,
      );
      if (column < 0) return undefined;
      window.end = line.start + column;
      window.endsAtLineEnd = column === line.text.length;
    } else {
      return undefined;
    }
  }
  return window;
}

/** The columns `from`–`to` of one line; its text counts as quoted whole only when they span it. */
function lineWindow(line: Line, [from, to]: [number, number]): Window {
  const whole = from === 0 && to === line.text.length;
  return {
    start: line.start + from,
    end: line.start + to,
    startsAtLineStart: from === 0,
    endsAtLineEnd: to === line.text.length,
    fileText: [whole ? line.text : undefined],
  };
}

/**
 * A single quoted line without a break: the whole line, else its head (only when something had to
 * be forgiven, since an exact head was already found by plain search), else, for text with quotes,
 * every place inside the line that differs only in quote style.
 */
export function matchSingleLine(
  model: string,
  line: Line | undefined,
  options: Pick<WindowInput, 'lineStart' | 'rules'>,
): Located[] {
  if (!line) return [];
  for (const rule of options.rules()) {
    const whole = new WindowState(rule);
    if (matchWhole(model, line, whole))
      return [{ window: lineWindow(line, [0, line.text.length]), state: whole }];
  }
  for (const rule of options.rules()) {
    const prefix = new WindowState(rule);
    const column = matchPrefix(model, line, prefix);
    if (column > 0 && prefix.tolerance.size > 0)
      return [{ window: lineWindow(line, [0, column]), state: prefix }];
  }
  if (options.lineStart || !/['"‘’‚‛“”„‟]/.test(model)) return [];
  const found: Located[] = [];
  const needle = straightenQuotes(model);
  const haystack = straightenQuotes(line.text);
  for (let column = haystack.indexOf(needle); column !== -1; column = haystack.indexOf(needle, column + 1)) {
    const state = new WindowState(new PrefixShift());
    if (!state.compareText(model, line.text.slice(column, column + model.length))) continue;
    found.push({ window: lineWindow(line, [column, column + model.length]), state });
  }
  return found;
}
