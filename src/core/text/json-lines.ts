import type { z } from 'zod';

/** One JSONL line read through `schema`; undefined when it is not JSON or not of that shape. */
export function parseJsonLine<T>(line: string, schema: z.ZodType<T>): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * JSONL read line by line through `schema`. Blank lines are passed over; a torn line (a process
 * killed mid-write) or one of another shape is counted and skipped, never fatal.
 */
export function parseJsonLines<T>(
  lines: readonly string[],
  schema: z.ZodType<T>,
): { values: T[]; skippedLines: number } {
  const values: T[] = [];
  let skippedLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const value = parseJsonLine(line, schema);
    if (value === undefined) skippedLines += 1;
    else values.push(value);
  }
  return { values, skippedLines };
}
