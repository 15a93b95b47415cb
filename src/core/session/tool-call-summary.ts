const summaryKeys = ['file_path', 'command', 'pattern', 'path', 'url', 'description'] as const;

/**
 * The key argument of a tool call (a path, a command, a pattern), as a tool card or an export
 * shows it: at most 200 characters; empty when the input has none of the known keys.
 */
export function toolCallSummary(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const record = input as Record<string, unknown>;
  for (const key of summaryKeys) {
    const value = record[key];
    if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return '';
}
