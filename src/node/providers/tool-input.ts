/** The parsed input of a streamed tool call, or the raw text and why it did not parse. */
export type ToolInputResult = { ok: true; input: unknown } | { ok: false; input: string; error: string };

/**
 * Parses the JSON a model streamed as a tool's input. Never throws. An empty string is `{}` (a tool
 * with no parameters streams no JSON at all). The shape is not checked here: the tool's zod schema
 * does that and words the error for the model.
 */
export function parseToolInput(raw: string): ToolInputResult {
  if (raw.trim() === '') return { ok: true, input: {} };
  try {
    return { ok: true, input: JSON.parse(raw) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, input: raw, error: `The tool input is not valid JSON: ${reason}` };
  }
}

/**
 * A tool's JSON Schema as the APIs take it: an object schema without the `$schema` marker that
 * schema generators add and some OpenAI-compatible servers reject.
 */
export function toolParameters(schema: Record<string, unknown>): { type: 'object'; [key: string]: unknown } {
  const { $schema: _marker, ...rest } = schema;
  return { ...rest, type: 'object' };
}
