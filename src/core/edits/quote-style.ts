/**
 * Typographic versus straight quotes. Models often retype `"` as `“”` (or the reverse when a
 * Markdown file uses typographic quotes); the edit engine matches across both and writes the
 * file's own style back.
 */

/** Single (' ‘ ’) or double (" “ ”) quotes. */
export type QuoteKind = 'single' | 'double';

const curlySingle = new Set(['‘', '’', '‚', '‛']);
const curlyDouble = new Set(['“', '”', '„', '‟']);

/** Maps every typographic quote to its straight form; one character for one, so offsets hold. */
export function straightenQuotes(text: string): string {
  if (!/[‘’‚‛“”„‟]/.test(text)) return text;
  return text.replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"');
}

/** The kind of quote `char` is (straight or typographic), or undefined. */
export function quoteKind(char: string): QuoteKind | undefined {
  if (char === "'" || curlySingle.has(char)) return 'single';
  if (char === '"' || curlyDouble.has(char)) return 'double';
  return undefined;
}

/** True when `char` is a typographic quote. */
export function isCurlyQuote(char: string): boolean {
  return curlySingle.has(char) || curlyDouble.has(char);
}

/** Straightens only the typographic quotes of the given kinds. */
export function straightenKinds(text: string, kinds: ReadonlySet<QuoteKind>): string {
  let result = '';
  for (const char of text) {
    const kind = quoteKind(char);
    result += kind && kinds.has(kind) && isCurlyQuote(char) ? straightenQuotes(char) : char;
  }
  return result;
}

const openingContext = /[\s([{<\u2014\u2013-]/;

/**
 * Turns straight quotes of the given kinds into typographic ones: opening after the start of a
 * line, whitespace or an opening bracket/dash, closing otherwise (so apostrophes become ’).
 */
export function curlKinds(text: string, kinds: ReadonlySet<QuoteKind>): string {
  let result = '';
  let previous = '';
  for (const char of text) {
    if ((char === '"' && kinds.has('double')) || (char === "'" && kinds.has('single'))) {
      const opening = previous === '' || openingContext.test(previous);
      if (char === '"') result += opening ? '“' : '”';
      else result += opening ? '‘' : '’';
    } else {
      result += char;
    }
    previous = char;
  }
  return result;
}

/** How a text writes one kind of quote. */
export type QuoteUsage = 'none' | 'straight' | 'curly' | 'mixed';

/** How `text` writes single and double quotes, for choosing the style of inserted text. */
export function quoteUsage(text: string): Record<QuoteKind, QuoteUsage> {
  const usage = (straight: boolean, curly: boolean): QuoteUsage =>
    straight && curly ? 'mixed' : straight ? 'straight' : curly ? 'curly' : 'none';
  return {
    single: usage(text.includes("'"), /[‘’‚‛]/.test(text)),
    double: usage(text.includes('"'), /[“”„‟]/.test(text)),
  };
}
