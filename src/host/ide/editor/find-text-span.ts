/**
 * The span `openFile` selects, as offsets into `text`: from the first `startText` to the end of
 * the first `endText` after it (or the `startText` match alone), extended to the end of its last
 * line when asked. undefined when `startText` does not occur.
 */
export function findTextSpan(
  text: string,
  options: { startText: string; endText?: string; selectToEndOfLine: boolean },
): { start: number; end: number } | undefined {
  const start = text.indexOf(options.startText);
  if (start < 0) return undefined;
  let end = start + options.startText.length;
  if (options.endText) {
    const endMatch = text.indexOf(options.endText, end);
    if (endMatch >= 0) end = endMatch + options.endText.length;
  }
  if (options.selectToEndOfLine) {
    const lineEnd = text.slice(end).search(/\r?\n/);
    end = lineEnd < 0 ? text.length : end + lineEnd;
  }
  return { start, end };
}
