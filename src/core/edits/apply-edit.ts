/**
 * The edit engine: one search-and-replace on a file's text, shared by Edit, MultiEdit and
 * ApplyPatch. Exact matches first; then the tolerant matcher, whose every match covers exactly the
 * lines the model quoted. More than one place is refused, never guessed. Pure; no I/O.
 */
import { adaptReplacement } from './adapt-replacement';
import { describeClosestText, findPlaceholderLine } from './closest-text';
import { lineNumberAt } from './line-table';
import { convertLineEndings, dominantLineEnding } from './text-codec';
import type { MatchScope, Tolerance, TolerantMatch } from './tolerant-match';
import { findTolerantMatches } from './tolerant-match';

export type { MatchScope, Tolerance };

/** One replacement as the model asked for it. */
export interface EditRequest {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

export type EditErrorCode = 'no-change' | 'empty-old-string' | 'not-found' | 'ambiguous' | 'elided' | 'reindent-failed';

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
 * on. `scope` narrows where a match may be (ApplyPatch); Edit passes none.
 */
export function applyEdit(content: string, request: EditRequest, scope: MatchScope = {}): EditOutcome {
  const { oldString, newString } = request;
  if (oldString === newString) {
    return { ok: false, code: 'no-change', message: 'old_string and new_string are identical, so nothing would change.' };
  }
  if (oldString === '') {
    if (content !== '') {
      return {
        ok: false,
        code: 'empty-old-string',
        message: 'old_string is empty, which only fills a new or empty file; this file has content. Quote the text to replace.',
      };
    }
    return { ok: true, content: newString, tolerance: [], replacements: 1, lines: [1], end: newString.length };
  }
  const eol = dominantLineEnding(content);
  const exact = findExact(content, oldString, scope);
  if (exact.length > 0) {
    if (exact.length > 1 && !request.replaceAll) return ambiguous(content, exact, false);
    const text = convertLineEndings(newString, eol);
    const tolerance: Tolerance[] = text === newString ? [] : ['line-endings'];
    return splice(content, exact.map((start) => ({ start, end: start + oldString.length, text })), tolerance);
  }
  const matches = findTolerantMatches(content, oldString, scope);
  if (matches.length === 0) return notFound(content, oldString);
  if (matches.length > 1 && !request.replaceAll) return ambiguous(content, matches.map((match) => match.start), true);
  const spans: Span[] = [];
  const tolerance = new Set<Tolerance>();
  for (const match of nonOverlapping(matches)) {
    const adapted = adaptReplacement(newString, match, eol);
    if (!adapted.ok) {
      return {
        ok: false,
        code: 'reindent-failed',
        message: `old_string matched only after shifting its indentation, but line ${adapted.line} of new_string is indented less than that shift allows. Quote old_string with the file's exact indentation.`,
      };
    }
    match.tolerance.forEach((item) => tolerance.add(item));
    spans.push({ start: match.start, end: match.end, text: adapted.text });
  }
  return splice(content, spans, [...tolerance]);
}

function findExact(content: string, oldString: string, scope: MatchScope): number[] {
  const starts: number[] = [];
  for (let index = content.indexOf(oldString, scope.from ?? 0); index !== -1; index = content.indexOf(oldString, index + oldString.length)) {
    if (scope.lineStart && index > 0 && content.charAt(index - 1) !== '\n') continue;
    if (scope.atEnd && index + oldString.length !== content.length) continue;
    starts.push(index);
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
  return { ok: true, content: result, tolerance, replacements: spans.length, lines: starts.map((start) => lineNumberAt(result, start)), end };
}

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).join(', ');
  return lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
}

function ambiguous(content: string, starts: readonly number[], tolerant: boolean): EditOutcome {
  const lines = starts.map((start) => lineNumberAt(content, start));
  const how = tolerant ? ' (after allowing for quotes, whitespace and indentation)' : '';
  return {
    ok: false,
    code: 'ambiguous',
    message: `old_string matches ${starts.length} places${how}, at lines ${listLines(lines)}. Nothing was changed. Include more surrounding lines to pick one, or set replace_all to change every one.`,
  };
}

function notFound(content: string, oldString: string): EditOutcome {
  const lines = oldString.split(/\r?\n/);
  const placeholder = findPlaceholderLine(lines);
  const closest = describeClosestText(content, oldString, placeholder);
  const suffix = closest ? `\n${closest}` : '';
  if (placeholder >= 0) {
    return {
      ok: false,
      code: 'elided',
      message: `old_string leaves text out with a placeholder (its line ${placeholder + 1}: "${(lines[placeholder] ?? '').trim()}"). Nothing was changed. Quote every line you replace, or make several smaller edits.${suffix}`,
    };
  }
  const advice = closest ? 'Copy the exact text from the file' : 'Read the file again and quote its text exactly';
  return {
    ok: false,
    code: 'not-found',
    message: `old_string was not found in the file, even allowing for quotes, whitespace and indentation. Nothing was changed. ${advice}.${suffix}`,
  };
}

const toleranceWords: Record<Tolerance, string> = {
  quotes: 'quote style',
  'trailing-whitespace': 'trailing whitespace',
  'line-endings': 'line endings',
  'final-newline': 'a final newline the file does not have',
  indentation: 'indentation',
};

/** One sentence for the model about a tolerant match; empty when the match was exact. */
export function describeTolerance(tolerance: readonly Tolerance[]): string {
  if (tolerance.length === 0) return '';
  const words = tolerance.map((item) => toleranceWords[item]).join(', ');
  return `old_string differed from the file in ${words}; it matched anyway and new_string was adapted to the file's conventions.`;
}
