import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file lives in test/unit/manifest). */
export const repositoryRoot = join(__dirname, '..', '..', '..');

/** A JSON file of the repository, parsed (our own file: a syntax error should fail the test). */
export function readRepositoryJson(path: string): unknown {
  return JSON.parse(readFileSync(join(repositoryRoot, path), 'utf8')) as unknown;
}

/** The value at `keys` inside JSON, or undefined when any step is missing. */
export function valueAt(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** The JSON object at `keys`, or an empty one, so a missing part fails an assertion rather than a cast. */
export function objectAt(value: unknown, ...keys: string[]): Record<string, unknown> {
  const found = valueAt(value, ...keys);
  return typeof found === 'object' && found !== null && !Array.isArray(found)
    ? (found as Record<string, unknown>)
    : {};
}

/** The objects in the JSON array at `keys`, or an empty list. */
export function objectsAt(value: unknown, ...keys: string[]): Record<string, unknown>[] {
  const found = valueAt(value, ...keys);
  return Array.isArray(found)
    ? found.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

/** Every string in a JSON value with the keys that lead to it (`['contributes', 'commands', '3', 'title']`). */
export function stringsIn(value: unknown, path: string[] = []): Array<{ path: string[]; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, [...path, String(index)]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  }
  return [];
}
