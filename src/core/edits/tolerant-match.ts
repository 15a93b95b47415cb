/**
 * Finds where an `old_string` sits in a file when it is not there byte for byte, allowing only
 * differences a model introduces by retyping: quote style, trailing whitespace, CRLF versus LF, a
 * stray final newline, and a uniform indentation shift. Every line the model quoted must match its
 * file line under those rules — no anchoring on first/last lines, no similarity threshold — so a
 * match never covers text the model did not quote.
 */
import type { IndentShift, Tolerance } from './line-match';
import { matchPrefix, matchSuffix, matchWhole, WindowState } from './line-match';
import type { Line } from './line-table';
import { splitLines, splitWithBreaks } from './line-table';
import type { QuoteKind } from './quote-style';
import { straightenQuotes } from './quote-style';

export type { IndentShift, Tolerance };

/** One place the old text matched tolerantly, with what the replacement must be adapted for. */
export interface TolerantMatch {
  /** Offsets into the content, end exclusive. */
  start: number;
  end: number;
  startsAtLineStart: boolean;
  endsAtLineEnd: boolean;
  shift: IndentShift | undefined;
  /** Quote kinds the file writes typographically where the model wrote straight ones. */
  curl: ReadonlySet<QuoteKind>;
  /** Quote kinds the file writes straight where the model wrote typographic ones. */
  straighten: ReadonlySet<QuoteKind>;
  /** The model's lines carried trailing whitespace the file does not have. */
  stripTrailing: boolean;
  /** The model's text ended with a line break where the file ends without one. */
  finalNewline: boolean;
  /** The line break of the matched lines, if they have one. */
  eol: '\n' | '\r\n' | undefined;
  tolerance: ReadonlySet<Tolerance>;
}

/** Limits on where a match may be: used by ApplyPatch to search after earlier hunks. */
export interface MatchScope {
  /** Matches must start at or after this offset. */
  from?: number;
  /** Matches must start at the beginning of a line. */
  lineStart?: boolean;
  /** Matches must end at the end of the content. */
  atEnd?: boolean;
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

interface Window {
  start: number;
  end: number;
  startsAtLineStart: boolean;
  endsAtLineEnd: boolean;
}

interface Located {
  window: Window;
  state: WindowState;
}

interface WindowInput {
  lines: readonly Line[];
  first: number;
  body: readonly string[];
  endsWithNewline: boolean;
  scope: MatchScope;
}

/** A multi-line window; the first line is tried as a whole line, then as the tail of a line. */
function matchWindow(input: WindowInput): Located | undefined {
  const asWhole = { current: new WindowState() };
  const window = matchLines(input, asWhole, false);
  if (window) return { window, state: asWhole.current };
  if (input.scope.lineStart) return undefined;
  const asSuffix = { current: new WindowState() };
  const suffixWindow = matchLines(input, asSuffix, true);
  return suffixWindow ? { window: suffixWindow, state: asSuffix.current } : undefined;
}

function matchLines(
  input: WindowInput,
  holder: { current: WindowState },
  firstAsSuffix: boolean,
): Window | undefined {
  const { lines, first, body, endsWithNewline } = input;
  const window: Window = { start: 0, end: 0, startsAtLineStart: true, endsAtLineEnd: true };
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
      continue;
    }
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

/**
 * Every tolerant match of `oldString`, in file order (they may overlap). Empty when the old text is
 * only whitespace: blank text is never matched loosely.
 */
export function findTolerantMatches(
  content: string,
  oldString: string,
  scope: MatchScope = {},
): TolerantMatch[] {
  if (oldString.trim() === '') return [];
  const lines = splitLines(content);
  const { lines: oldLines, breaks } = splitWithBreaks(oldString);
  const endsWithNewline = oldLines.length > 1 && oldLines[oldLines.length - 1] === '';
  const body = endsWithNewline ? oldLines.slice(0, -1) : oldLines;
  const matches: TolerantMatch[] = [];
  for (const first of candidateStarts(content, lines, body)) {
    if (first < 0 || first + body.length > lines.length) continue;
    const located =
      body.length === 1 && !endsWithNewline
        ? matchSingleLine(body[0] ?? '', lines[first], scope)
        : [matchWindow({ lines, first, body, endsWithNewline, scope })];
    for (const found of located) {
      if (!found) continue;
      const match = finishMatch({ content, lines, first, body, breaks, endsWithNewline, ...found });
      if (match && inScope(match, content, scope)) matches.push(match);
    }
  }
  return matches;
}

/**
 * Start lines worth trying: every tolerant match contains the trimmed text of each quoted line
 * (quotes straightened) inside the file line it matches, so the longest quoted line is found with
 * indexOf and only the windows around its occurrences are checked.
 */
function candidateStarts(content: string, lines: readonly Line[], body: readonly string[]): number[] {
  let anchor = -1;
  let needle = '';
  body.forEach((line, index) => {
    const text = straightenQuotes(line).trim();
    if (text.length > needle.length) [anchor, needle] = [index, text];
  });
  if (anchor === -1) return lines.map((_, index) => index);
  const haystack = straightenQuotes(content);
  const starts = new Set<number>();
  for (let offset = haystack.indexOf(needle); offset !== -1; offset = haystack.indexOf(needle, offset + 1)) {
    starts.add(lineIndexAt(lines, offset) - anchor);
  }
  return [...starts].sort((a, b) => a - b);
}

function lineIndexAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lines[middle]?.start ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function matchSingleLine(model: string, line: Line | undefined, scope: MatchScope): Located[] {
  if (!line) return [];
  const whole = new WindowState();
  if (matchWhole(model, line, whole)) {
    return [
      {
        window: {
          start: line.start,
          end: line.start + line.text.length,
          startsAtLineStart: true,
          endsAtLineEnd: true,
        },
        state: whole,
      },
    ];
  }
  const prefix = new WindowState();
  const column = matchPrefix(model, line, prefix);
  if (column > 0 && prefix.tolerance.size > 0) {
    return [
      {
        window: {
          start: line.start,
          end: line.start + column,
          startsAtLineStart: true,
          endsAtLineEnd: column === line.text.length,
        },
        state: prefix,
      },
    ];
  }
  if (scope.lineStart || !/['"‘’‚‛“”„‟]/.test(model)) return [];
  const found: Located[] = [];
  const needle = straightenQuotes(model);
  const haystack = straightenQuotes(line.text);
  for (let column = haystack.indexOf(needle); column !== -1; column = haystack.indexOf(needle, column + 1)) {
    const state = new WindowState();
    if (!state.compareText(model, line.text.slice(column, column + model.length))) continue;
    const end = column + model.length;
    const window = {
      start: line.start + column,
      end: line.start + end,
      startsAtLineStart: column === 0,
      endsAtLineEnd: end === line.text.length,
    };
    found.push({ window, state });
  }
  return found;
}

interface FinishInput {
  content: string;
  lines: readonly Line[];
  first: number;
  body: readonly string[];
  breaks: readonly string[];
  endsWithNewline: boolean;
  window: Window;
  state: WindowState;
}

function finishMatch(input: FinishInput): TolerantMatch | undefined {
  const { lines, first, body, breaks, endsWithNewline, window, state } = input;
  const lastLine = lines[first + body.length - 1];
  if (!lastLine) return undefined;
  let end = window.end;
  let finalNewline = false;
  if (endsWithNewline) {
    if (lastLine.eol === '') {
      if (first + body.length !== lines.length) return undefined;
      finalNewline = true;
      state.tolerance.add('final-newline');
      end = lastLine.start + lastLine.text.length;
    } else {
      end = lastLine.start + lastLine.text.length + lastLine.eol.length;
    }
  }
  breaks.forEach((lineBreak, index) => {
    const eol = lines[first + index]?.eol;
    if (eol && eol !== lineBreak) state.tolerance.add('line-endings');
  });
  const eol = lines.slice(first, first + body.length).find((line) => line.eol !== '')?.eol;
  return {
    start: window.start,
    end,
    startsAtLineStart: window.startsAtLineStart,
    endsAtLineEnd: window.endsAtLineEnd,
    shift: state.shift,
    curl: state.curl,
    straighten: state.straighten,
    stripTrailing: state.stripTrailing,
    finalNewline,
    eol: eol === '' ? undefined : eol,
    tolerance: state.tolerance,
  };
}

function inScope(match: TolerantMatch, content: string, scope: MatchScope): boolean {
  if (scope.from !== undefined && match.start < scope.from) return false;
  if (scope.lineStart && !match.startsAtLineStart) return false;
  if (scope.atEnd && match.end !== content.length) return false;
  return true;
}
