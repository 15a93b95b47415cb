/** The note left where text was cut, e.g. `[… 12,345 characters cut …]`. */
export function cutNote(count: number): string {
  return `[… ${count.toLocaleString('en-US')} characters cut …]`;
}

/**
 * Keeps the head and the tail of `text` so the result is at most about `maxChars` long, with a note
 * in the middle saying how much was cut. Text within the limit is returned unchanged.
 */
export function cutMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const keep = Math.max(0, maxChars);
  const headLength = Math.ceil(keep / 2);
  const tailLength = keep - headLength;
  const cut = text.length - headLength - tailLength;
  const tail = tailLength > 0 ? text.slice(text.length - tailLength) : '';
  return `${text.slice(0, headLength)}\n${cutNote(cut)}\n${tail}`;
}
