import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A result of one text block. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A result of one text block holding `value` as JSON (what the IDE protocol calls a JSON result). */
export function jsonResult(value: unknown): CallToolResult {
  return textResult(JSON.stringify(value));
}

/** A failed call: the client (and a model behind it) reads `message`. */
export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
