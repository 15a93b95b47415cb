/** The line breaks an editor document uses throughout. */
export type LineBreak = '\n' | '\r\n';

/**
 * Splits text into lines the way the editor counts them: on CRLF, LF or a lone CR, without the
 * breaks. Text ending with a break gives a final empty line, so `a\n` is two lines, as in VS Code.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The inverse of `splitLines` for a document whose breaks are all `lineBreak`. */
export function joinLines(lines: readonly string[], lineBreak: LineBreak): string {
  return lines.join(lineBreak);
}

/** CRLF when the text's first break is CRLF (editor documents use one kind throughout), else LF. */
export function lineBreakOf(text: string): LineBreak {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}
