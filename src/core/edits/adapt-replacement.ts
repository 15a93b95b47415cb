/**
 * Rewrites the model's `new_string` the way its `old_string` had to be read to match: the same
 * indentation shift, the file's quote style, no stray trailing whitespace or final newline, and the
 * file's line breaks. So a tolerant match writes text in the file's own conventions.
 */
import type { QuoteKind } from './quote-style';
import { curlKinds, straightenKinds } from './quote-style';
import type { TolerantMatch } from './tolerant-match';
import { applyShift } from './tolerant-match';

/** The adapted text, or the 1-based line of `new_string` that could not be re-indented. */
export type AdaptResult = { ok: true; text: string } | { ok: false; line: number };

/** Adapts `newString` for one tolerant match; `fallbackEol` is used when the match has no line break. */
export function adaptReplacement(newString: string, match: TolerantMatch, fallbackEol: '\n' | '\r\n'): AdaptResult {
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
  let text = lines.join(match.eol ?? fallbackEol);
  const straighten = new Set<QuoteKind>([...match.straighten].filter((kind) => !match.curl.has(kind)));
  const curl = new Set<QuoteKind>([...match.curl].filter((kind) => !match.straighten.has(kind)));
  if (straighten.size > 0) text = straightenKinds(text, straighten);
  if (curl.size > 0) text = curlKinds(text, curl);
  return { ok: true, text };
}
