/**
 * Rewrites the model's `new_string` the way its `old_string` had to be read to match: the same
 * indentation shift, the file's quote style, no stray trailing whitespace or final newline, and the
 * file's line breaks. So a tolerant match writes text in the file's own conventions.
 */
import type { QuoteKind, QuoteUsage } from './quote-style';
import { curlKinds, straightenKinds } from './quote-style';
import type { TolerantMatch } from './tolerant-match';
import { applyShift } from './line-match';

/** The adapted text, or the 1-based line of `new_string` that could not be re-indented. */
export type AdaptResult = { ok: true; text: string } | { ok: false; line: number };

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

/** Adapts `newString` for one tolerant match. */
export function adaptReplacement(
  newString: string,
  match: TolerantMatch,
  conventions: FileConventions,
): AdaptResult {
  const lines = newString.split(/\r?\n/);
  const shift = match.shift;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] ?? '';
    const firstInLine = index === 0 && !match.startsAtLineStart;
    if (shift && shift.text !== '' && !firstInLine && line.trim() !== '') {
      const shifted = applyShift(line, shift);
      if (shifted === undefined) return { ok: false, line: index + 1 };
      line = shifted;
    }
    const endsLine = index < lines.length - 1 || match.endsAtLineEnd;
    if (match.stripTrailing && endsLine) line = line.trimEnd();
    lines[index] = line;
  }
  if (match.finalNewline && lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let text = lines.join(match.eol ?? conventions.eol);
  const { curl, straighten } = quoteChanges(match, conventions);
  if (straighten.size > 0) text = straightenKinds(text, straighten);
  if (curl.size > 0) text = curlKinds(text, curl);
  return { ok: true, text };
}
