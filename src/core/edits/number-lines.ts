/** `cat -n` style numbering, shared by Read and the edit engine's diagnostics. */

/** Width of the right-aligned line number, as `cat -n` prints it. */
const numberWidth = 6;

/** Formats lines as `<number right-aligned>\t<line>`, numbering from `firstNumber` (1-based). */
export function numberLines(lines: readonly string[], firstNumber: number): string {
  return lines
    .map((line, index) => `${String(firstNumber + index).padStart(numberWidth)}\t${line}`)
    .join('\n');
}
