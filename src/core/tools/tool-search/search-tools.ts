import type { ToolDefinition } from '../../model/model-client';

/** Results of a keyword search when the model does not say how many. */
export const defaultMaxResults = 5;

/** Lower-case words of a tool name: `mcp__github__createPullRequest` → mcp, github, create, pull, request. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The part after the server prefix: `mcp__github__create_issue` → `create_issue`. */
function shortName(name: string): string {
  const parts = name.split('__');
  return parts.length >= 3 ? parts.slice(2).join('__') : name;
}

/**
 * Finds tools for a ToolSearch query, in Claude Code's query forms: `select:a,b` picks exact names
 * (case-insensitive; the name without its `mcp__server__` prefix works too); otherwise the words
 * rank tools by where they appear (a whole word of the name counts most, then part of the name,
 * then the description), and a word written `+word` must appear in the name. Pure.
 */
export function searchTools(
  query: string,
  tools: readonly ToolDefinition[],
  maxResults: number = defaultMaxResults,
): ToolDefinition[] {
  const trimmed = query.trim();
  if (/^select:/i.test(trimmed)) {
    const wanted = trimmed
      .slice('select:'.length)
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    return wanted.flatMap((want) => {
      const found =
        tools.find((tool) => tool.name.toLowerCase() === want) ??
        tools.find((tool) => shortName(tool.name).toLowerCase() === want);
      return found ? [found] : [];
    });
  }
  const terms = trimmed.toLowerCase().split(/\s+/).filter(Boolean);
  const required = terms
    .filter((term) => term.startsWith('+') && term.length > 1)
    .map((term) => term.slice(1));
  const ranked = terms.map((term) => term.replace(/^\+/, '')).filter(Boolean);
  const scored = tools.flatMap((tool) => {
    const name = tool.name.toLowerCase();
    if (required.some((term) => !name.includes(term))) return [];
    const words = nameWords(tool.name);
    const description = tool.description.toLowerCase();
    let score = 0;
    for (const term of ranked) {
      if (words.includes(term)) score += 10;
      else if (name.includes(term)) score += 5;
      if (description.includes(term)) score += 2;
    }
    return score > 0 ? [{ tool, score }] : [];
  });
  scored.sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name));
  return scored.slice(0, Math.max(1, maxResults)).map((entry) => entry.tool);
}
