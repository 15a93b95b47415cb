/**
 * Line numbering as Read shows a file and the edit engine quotes it back: `<number>\t<line>`, the
 * number not padded (Claude Code's current format; padding to six columns cost about a token a
 * line in every Read result, for nothing the model uses). An old_string pasted with these prefixes
 * is recognised by the edit engine (`/^ *\d+\t/`, padded or not) and refused with the reason.
 */

/** Formats lines as `<number>\t<line>`, numbering from `firstNumber` (1-based). */
export function numberLines(lines: readonly string[], firstNumber: number): string {
  return lines.map((line, index) => `${firstNumber + index}\t${line}`).join('\n');
}
