/**
 * The edit engine: one search-and-replace on a file's text, shared by Edit, MultiEdit and
 * ApplyPatch. Exact matches first; then the tolerant matcher, whose every match covers exactly the
 * lines the model quoted. More than one place is refused, never guessed. Pure; no I/O.
 */
import { adaptReplacement } from './adapt-replacement';
import { alternateReadings } from './alternate-readings';
import { findPlaceholderLine } from './closest-text';
import { ambiguous, notFound } from './edit-messages';
import { lineNumberAt } from './line-table';
import { quoteUsage } from './quote-style';
import { convertLineEndings, dominantLineEnding } from './text-codec';
import type { MatchScope, Tolerance, TolerantMatch } from './tolerant-match';
import { findTolerantMatches } from './tolerant-match';
import { indentFollowingLines } from './indentation/indent-following-lines';

export type { MatchScope, Tolerance };
export { describeTolerance } from './edit-messages';

/** One replacement as the model asked for it. */
export interface EditRequest {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

/** Why an edit was refused; the message says it in words. */
export type EditErrorCode =
  | 'no-change'
  | 'empty-old-string'
  | 'not-found'
  | 'ambiguous'
  | 'elided'
  | 'reindent-failed'
  | 'partial-indentation'
  | 'placeholder-in-new-string';

/** The new content and what was forgiven, or a refusal. Nothing is written either way. */
export type EditOutcome =
  | {
      ok: true;
      content: string;
      /** Differences forgiven to find the match; empty for an exact match. */
      tolerance: Tolerance[];
      replacements: number;
      /** 1-based line, in the new content, where each replacement starts. */
      lines: number[];
      /** Offset in the new content just after the last replacement. */
      end: number;
    }
  | { ok: false; code: EditErrorCode; message: string };

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies one edit to `content`. Never throws; a refusal explains itself in words the model can act
 * on. `scope` narrows where a match may be (ApplyPatch); Edit passes none. An edit found nowhere as
 * written is tried once more under each alternate reading (Read's line numbers, one level of
 * escaping too many), which must then match exactly as an edit written that way would.
 */
export function applyEdit(content: string, request: EditRequest, scope: MatchScope = {}): EditOutcome {
  const outcome = applyAsWritten(content, request, scope);
  if (outcome.ok || outcome.code !== 'not-found') return outcome;
  for (const reading of alternateReadings(content, request)) {
    const retry = applyAsWritten(content, { ...request, ...reading.strings }, scope);
    if (!retry.ok && retry.code === 'not-found') continue;
    if (!retry.ok) return retry;
    if (reading.firstLine !== undefined && retry.lines[0] !== reading.firstLine) continue;
    return { ...retry, tolerance: [...new Set([...retry.tolerance, reading.tolerance])] };
  }
  return outcome;
}

function applyAsWritten(content: string, request: EditRequest, scope: MatchScope): EditOutcome {
  const refusal = refuseOutright(content, request);
  if (refusal) return refusal;
  const { oldString, newString } = request;
  if (oldString === '')
    return {
      ok: true,
      content: newString,
      tolerance: [],
      replacements: 1,
      lines: [1],
      end: newString.length,
    };
  const exact = findExact(content, oldString, scope);
  const [only] = exact;
  if (only !== undefined && exact.length === 1 && quotesPartOfIndentation(content, only, oldString)) {
    const tolerant = applyTolerant(content, request, scope);
    if (tolerant.ok) return tolerant;
    if (/\n./.test(oldString))
      return tolerant.code === 'not-found' ? partialIndentation(content, only) : tolerant;
  }
  if (exact.length > 0) return applyExact(content, request, exact);
  return applyTolerant(content, request, scope);
}

/** The refusals that need no search: nothing to change, an empty old_string, a placeholder. */
function refuseOutright(content: string, request: EditRequest): EditOutcome | undefined {
  const { oldString, newString } = request;
  if (oldString === newString)
    return {
      ok: false,
      code: 'no-change',
      message: 'old_string and new_string are identical, so nothing would change.',
    };
  if (oldString === '' && content !== '')
    return {
      ok: false,
      code: 'empty-old-string',
      message:
        'old_string is empty, which only fills a new or empty file; this file has content. Quote the text to replace.',
    };
  const placeholder = oldString === '' ? undefined : newPlaceholder(content, oldString, newString);
  if (placeholder === undefined) return undefined;
  return {
    ok: false,
    code: 'placeholder-in-new-string',
    message: `new_string contains the placeholder "${placeholder}", which would be written literally and delete the text it stands for. Nothing was changed. Write out the full replacement, or narrow old_string to the lines that change.`,
  };
}

function partialIndentation(content: string, start: number): EditOutcome {
  return {
    ok: false,
    code: 'partial-indentation',
    message: `old_string occurs in the file only from inside the indentation of line ${lineNumberAt(content, start)}, so its first line is indented differently from the lines after it. Nothing was changed. Quote the first line with its full indentation.`,
  };
}

/**
 * An old_string that starts with whitespace found inside a line's indentation quotes that line with
 * part of its indentation missing: the model misread its depth, so the match is read as a tolerant
 * one, whose every line must agree on the indentation. A one-line old_string keeps its exact match
 * when that finds nothing unique, as it always has.
 */
function quotesPartOfIndentation(content: string, start: number, oldString: string): boolean {
  if (!/^[ \t]/.test(oldString)) return false;
  const lineStart = content.lastIndexOf('\n', start - 1) + 1;
  return start > lineStart && /^[ \t]+$/.test(content.slice(lineStart, start));
}

function applyExact(content: string, request: EditRequest, starts: readonly number[]): EditOutcome {
  if (starts.length > 1 && !request.replaceAll) return ambiguous(content, starts, false);
  const text = convertLineEndings(request.newString, dominantLineEnding(content));
  const tolerance = new Set<Tolerance>(text === request.newString ? [] : ['line-endings']);
  const spans = starts.map((start) => {
    const indented = indentFollowingLines(content, { start, oldString: request.oldString, text });
    if (indented !== text) tolerance.add('indentation');
    return { start, end: start + request.oldString.length, text: indented };
  });
  return splice(content, spans, [...tolerance]);
}

function applyTolerant(content: string, request: EditRequest, scope: MatchScope): EditOutcome {
  const { oldString, newString } = request;
  const matches = findTolerantMatches(content, { oldString, newString, scope });
  if (matches.length === 0) return notFound(content, oldString);
  if (matches.length > 1 && !request.replaceAll)
    return ambiguous(
      content,
      matches.map((match) => match.start),
      true,
    );
  const spans: Span[] = [];
  const tolerance = new Set<Tolerance>();
  const conventions = { eol: dominantLineEnding(content), quotes: quoteUsage(content) };
  for (const match of nonOverlapping(matches)) {
    const adapted = adaptReplacement(newString, match, conventions);
    if (!adapted.ok) {
      return {
        ok: false,
        code: 'reindent-failed',
        message: `old_string matched only after reading its indentation differently (${adapted.reason}), but line ${adapted.line} of new_string has an indentation that cannot be carried over unambiguously. Nothing was changed. Quote old_string and new_string with the file's exact indentation.`,
      };
    }
    match.tolerance.forEach((item) => tolerance.add(item));
    spans.push({ start: match.start, end: match.end, text: adapted.text });
  }
  return splice(content, spans, [...tolerance]);
}

/**
 * A comment placeholder ("// ... existing code ...") in new_string that neither old_string nor the
 * file contains: the model meant "keep what was here", but it would be written literally. Bare
 * "..." lines are not counted (Python stubs and prose use them).
 */
function newPlaceholder(content: string, oldString: string, newString: string): string | undefined {
  const lines = newString.split(/\r?\n/).filter((line) => line.trim() !== '...' && line.trim() !== '…');
  const index = findPlaceholderLine(lines);
  const line = lines[index]?.trim();
  if (line === undefined || oldString.includes(line) || content.includes(line)) return undefined;
  return line;
}

/** Non-overlapping exact occurrences inside the scope; a rejected occurrence does not hide the next. */
function findExact(content: string, oldString: string, scope: MatchScope): number[] {
  const starts: number[] = [];
  let index = content.indexOf(oldString, scope.from ?? 0);
  while (index !== -1) {
    const atLineStart = !scope.lineStart || index === 0 || content.charAt(index - 1) === '\n';
    const atEnd = !scope.atEnd || index + oldString.length === content.length;
    if (atLineStart && atEnd) starts.push(index);
    index = content.indexOf(oldString, atLineStart && atEnd ? index + oldString.length : index + 1);
  }
  return starts;
}

function nonOverlapping(matches: readonly TolerantMatch[]): TolerantMatch[] {
  const kept: TolerantMatch[] = [];
  for (const match of matches) {
    const previous = kept[kept.length - 1];
    if (!previous || match.start >= previous.end) kept.push(match);
  }
  return kept;
}

function splice(content: string, spans: readonly Span[], tolerance: Tolerance[]): EditOutcome {
  let result = '';
  let cursor = 0;
  const starts: number[] = [];
  for (const span of spans) {
    result += content.slice(cursor, span.start);
    starts.push(result.length);
    result += span.text;
    cursor = span.end;
  }
  const end = result.length;
  result += content.slice(cursor);
  return {
    ok: true,
    content: result,
    tolerance,
    replacements: spans.length,
    lines: starts.map((start) => lineNumberAt(result, start)),
    end,
  };
}
