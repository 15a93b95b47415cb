/**
 * Finds where an `old_string` sits in a file when it is not there byte for byte, allowing only
 * differences a model introduces by retyping: quote style, trailing whitespace, CRLF versus LF, a
 * stray final newline, and indentation that differs uniformly — in depth, in unit (2 versus 4
 * spaces) or in kind (tabs versus spaces). Every line the model quoted must match its file line
 * under those rules — no anchoring on first/last lines, no similarity threshold — so a match never
 * covers text the model did not quote.
 */
import type { IndentRule } from './indentation/indent-rule';
import type { Tolerance } from './line-match';
import type { Line } from './line-table';
import { splitLines, splitWithBreaks } from './line-table';
import type { Located } from './match-window';
import { matchSingleLine, matchWindow } from './match-window';
import type { QuoteKind } from './quote-style';
import { straightenQuotes } from './quote-style';
import { createWindowRules } from './indentation/window-rules';

export type { Tolerance };

/** One quoted line: as the model wrote it, and the file line it matched whole (undefined if partly). */
export interface QuotedLine {
  model: string;
  file: string | undefined;
}

/** One place the old text matched tolerantly, with what the replacement must be adapted for. */
export interface TolerantMatch {
  /** Offsets into the content, end exclusive. */
  start: number;
  end: number;
  startsAtLineStart: boolean;
  endsAtLineEnd: boolean;
  /** How the model's indentation reads as the file's; fixed by the quoted lines. */
  indent: IndentRule;
  /** The quoted lines, without the empty one after a final line break. */
  quoted: readonly QuotedLine[];
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

/** What the search needs besides the file: the old text, and new_string for the model's indentation. */
export interface TolerantSearch {
  oldString: string;
  /** Read with old_string to tell the model's indentation unit; never matched. */
  newString?: string;
  scope?: MatchScope;
}

/**
 * Every tolerant match of `oldString`, in file order (they may overlap). Empty when the old text is
 * only whitespace: blank text is never matched loosely.
 */
export function findTolerantMatches(content: string, search: TolerantSearch): TolerantMatch[] {
  const { oldString, scope = {} } = search;
  if (oldString.trim() === '') return [];
  const lines = splitLines(content);
  const { lines: oldLines, breaks } = splitWithBreaks(oldString);
  const endsWithNewline = oldLines.length > 1 && oldLines[oldLines.length - 1] === '';
  const body = endsWithNewline ? oldLines.slice(0, -1) : oldLines;
  const rulesFor = createWindowRules({ content, lines, modelTexts: [oldString, search.newString ?? ''] });
  const matches: TolerantMatch[] = [];
  for (const first of candidateStarts(content, lines, body)) {
    if (first < 0 || first + body.length > lines.length) continue;
    const options = { lineStart: scope.lineStart ?? false, rules: () => rulesFor(first, body.length) };
    const located =
      body.length === 1 && !endsWithNewline
        ? matchSingleLine(body[0] ?? '', lines[first], options)
        : [matchWindow({ lines, first, body, endsWithNewline, ...options })];
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

interface FinishInput extends Located {
  content: string;
  lines: readonly Line[];
  first: number;
  body: readonly string[];
  breaks: readonly string[];
  endsWithNewline: boolean;
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
    indent: state.indent,
    quoted: body.map((model, index) => ({ model, file: window.fileText[index] })),
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
