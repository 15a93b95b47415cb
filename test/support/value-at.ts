/**
 * Reads a nested value out of recorded JSON without casts: `valueAt(body, 'messages', 0, 'content')`.
 * Undefined as soon as a step is missing or of the wrong kind; never throws.
 */
export function valueAt(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = step < 0 ? current.at(step) : current[step];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
