/** A `/compact` the person typed, with what they asked the summary to keep (if anything). */
export interface CompactCommand {
  instructions: string | undefined;
}

const compactPattern = /^\/compact(?:\s+([\s\S]*))?$/;

/**
 * `/compact [instructions]` as typed in the composer or given to the CLI; undefined for any other
 * text (so `/compaction notes` is a prompt like any other). Surrounding whitespace is ignored.
 */
export function parseCompactCommand(text: string): CompactCommand | undefined {
  const match = compactPattern.exec(text.trim());
  if (!match) return undefined;
  const instructions = match[1]?.trim();
  return { instructions: instructions === '' ? undefined : instructions };
}
