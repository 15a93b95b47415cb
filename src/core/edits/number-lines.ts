/**
 * Line numbering as Read shows a file and the edit engine quotes it back: `<number>\t<line>`, the
 * number not padded (Claude Code's current format; padding to six columns cost about a token a
 * line in every Read result, for nothing the model uses). An old_string pasted with these prefixes
 * is read back by the edit engine (alternate-readings.ts), padded or not, where the numbers say the
 * text is.
 */

/** Formats lines as `<number>\t<line>`, numbering from `firstNumber` (1-based). */
export function numberLines(lines: readonly string[], firstNumber: number): string {
  return lines.map((line, index) => `${firstNumber + index}\t${line}`).join('\n');
}
