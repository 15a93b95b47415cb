/**
 * Rewrites the model's `new_string` the way its `old_string` had to be read to match: lines it
 * repeats unchanged come back exactly as the file has them; the others get the match's
 * indentation rule, the file's quote style, no stray trailing whitespace or final newline, and the
 * file's line breaks. So a tolerant match writes text in the file's own conventions.
 */
import type { QuoteKind, QuoteUsage } from './quote-style';
import { curlKinds, straightenKinds } from './quote-style';
import type { TolerantMatch } from './tolerant-match';
import { splitIndent } from './line-table';
import { unchangedLines } from './unchanged-lines';

/** The adapted text, or the 1-based line of `new_string` that could not be re-indented, and why. */
export type AdaptResult = { ok: true; text: string } | { ok: false; line: number; reason: string };

/** What the whole file tells about its conventions. */
export interface FileConventions {
  /** Used when the match has no line break of its own. */
  eol: '\n' | '\r\n';
  quotes: Record<QuoteKind, QuoteUsage>;
}

const kinds: readonly QuoteKind[] = ['single', 'double'];

/**
 * Once quotes had to be forgiven, the file decides each kind's style: a file that only ever writes a
 * kind one way gets it that way (so a Python file keeps straight quotes, typographic prose keeps
 * ’ in apostrophes too); where the file mixes styles, the direction seen in the match decides.
 */
function quoteChanges(
  match: TolerantMatch,
  conventions: FileConventions,
): { curl: Set<QuoteKind>; straighten: Set<QuoteKind> } {
  const curl = new Set<QuoteKind>();
  const straighten = new Set<QuoteKind>();
  if (match.curl.size === 0 && match.straighten.size === 0) return { curl, straighten };
  for (const kind of kinds) {
    const usage = conventions.quotes[kind];
    if (usage === 'curly') curl.add(kind);
    else if (usage === 'straight' || usage === 'none') straighten.add(kind);
    else if (match.curl.has(kind) && !match.straighten.has(kind)) curl.add(kind);
    else if (match.straighten.has(kind) && !match.curl.has(kind)) straighten.add(kind);
  }
  return { curl, straighten };
}

/** The lines of new_string, and whether it ends with a line break (its empty last "line" aside). */
function splitReplacement(newString: string): { lines: string[]; breakAtEnd: boolean } {
  const lines = newString.split(/\r?\n/);
  const breakAtEnd = lines.length > 1 && lines[lines.length - 1] === '';
  return { lines: breakAtEnd ? lines.slice(0, -1) : lines, breakAtEnd };
}

/** Adapts `newString` for one tolerant match. */
export function adaptReplacement(
  newString: string,
  match: TolerantMatch,
  conventions: FileConventions,
): AdaptResult {
  const { lines, breakAtEnd } = splitReplacement(newString);
  const kept = unchangedLines(
    match.quoted.map((line) => line.model),
    lines,
  );
  const quotes = quoteChanges(match, conventions);
  const out: string[] = [];
  let previous: string | undefined;
  for (const [index, line] of lines.entries()) {
    const file = match.quoted[kept.get(index) ?? -1]?.file;
    const position = { index, last: index === lines.length - 1 };
    const indented = file ?? reindent(line, { match, previous, ...position });
    if (indented === undefined) return { ok: false, line: index + 1, reason: match.indent.describe() };
    if (line.trim() !== '') previous = splitIndent(line)[0];
    const endsLine = !position.last || breakAtEnd || match.endsAtLineEnd;
    out.push(file ?? inFileStyle(indented, { match, quotes, endsLine }));
  }
  if (breakAtEnd && !match.finalNewline) out.push('');
  return { ok: true, text: out.join(match.eol ?? conventions.eol) };
}

interface LinePosition {
  match: TolerantMatch;
  /** The indentation of the line of new_string before this one, as the model wrote it. */
  previous: string | undefined;
  index: number;
  last: boolean;
}

/**
 * One line of new_string in the file's indentation. The first line, when the match starts inside a
 * file line, continues that line; blank lines stay blank, except a last line that only indents
 * the rest of the file line the match ends in.
 */
function reindent(line: string, { match, previous, index, last }: LinePosition): string | undefined {
  if (!match.indent.changed || (index === 0 && !match.startsAtLineStart)) return line;
  const continuesFileLine = last && !match.endsAtLineEnd;
  if (line.trim() === '' && !continuesFileLine) return line;
  const [indent, rest] = splitIndent(line);
  const mapped = match.indent.map(indent, previous);
  return mapped === undefined ? undefined : mapped + rest;
}

/** A changed line without the model's stray trailing whitespace, in the file's quote style. */
function inFileStyle(
  line: string,
  context: { match: TolerantMatch; quotes: ReturnType<typeof quoteChanges>; endsLine: boolean },
): string {
  const { match, quotes, endsLine } = context;
  let text = match.stripTrailing && endsLine ? line.trimEnd() : line;
  if (quotes.straighten.size > 0) text = straightenKinds(text, quotes.straighten);
  if (quotes.curl.size > 0) text = curlKinds(text, quotes.curl);
  return text;
}
