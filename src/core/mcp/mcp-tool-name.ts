/** The longest tool name both the Anthropic and the OpenAI APIs accept. */
export const maxToolNameLength = 64;

/** A name part as Claude Code writes it: every character outside `[A-Za-z0-9_-]` becomes `_`. */
export function normalizeMcpName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The prefix of every tool of one server, `mcp__<server>__`; also what a `mcp__<server>` rule names. */
export function mcpToolPrefix(server: string): string {
  return `mcp__${normalizeMcpName(server)}__`;
}

/** The permission rule that names every tool of a server: `mcp__<server>`. */
export function mcpServerRuleName(server: string): string {
  return `mcp__${normalizeMcpName(server)}`;
}

/**
 * `mcp__<server>__<tool>`, as Claude Code names MCP tools (so its permission rules and hook
 * matchers apply unchanged). A name longer than the APIs accept is cut and given a short hash of the
 * whole, so it stays valid and distinct. Pure.
 */
export function mcpToolName(server: string, tool: string): string {
  const name = `${mcpToolPrefix(server)}${normalizeMcpName(tool)}`;
  if (name.length <= maxToolNameLength) return name;
  const suffix = `_${hash(name)}`;
  return `${name.slice(0, maxToolNameLength - suffix.length)}${suffix}`;
}

/** FNV-1a, 32 bits, as 7 base-36 digits: enough to keep truncated names apart. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value.toString(36).padStart(7, '0');
}
