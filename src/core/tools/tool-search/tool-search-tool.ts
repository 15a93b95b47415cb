import { z } from 'zod';
import type { ToolDefinition } from '../../model/model-client';
import { buildTool } from '../build-tool';
import type { AnyTool } from '../tool';
import { textResult } from '../tool';
import { defaultMaxResults, searchTools } from './search-tools';

/** What ToolSearch needs of the catalog. */
export interface ToolSearchSource {
  readonly searchable: readonly ToolDefinition[];
  load(definitions: readonly ToolDefinition[]): ToolDefinition[];
}

const inputSchema = z.strictObject({
  query: z
    .string()
    .min(1)
    .describe('"select:<name>[,<name>…]" for exact names, or keywords to search names and descriptions'),
  max_results: z
    .number()
    .int()
    .positive()
    .max(50)
    .optional()
    .describe(`How many keyword matches to return (default ${defaultMaxResults})`),
});

const description = `Loads the full schemas of deferred tools so they can be called.

Deferred tools are named in a <system-reminder>; until loaded, only the name is known. This returns the matching tools' definitions inside a <functions> block, one <function>{"description": …, "name": …, "parameters": …}</function> per tool, and from then on they are callable like any other tool.

Query forms:
- "select:mcp__github__create_issue,mcp__github__get_issue": these exact tools
- "issue create": keyword search, best matches first (max_results, default ${defaultMaxResults})
- "+github issue": "github" must be in the name; ranked by the other words`;

/**
 * The ToolSearch tool of one catalog. Read-only and safe beside other calls: it only changes which
 * definitions the next request carries. Finding nothing is an ordinary answer, not an error.
 */
export function createToolSearchTool(source: ToolSearchSource): AnyTool {
  return buildTool({
    name: 'ToolSearch',
    description,
    inputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    summarize: (input) => input.query,
    async *call(input) {
      const found = searchTools(input.query, source.searchable, input.max_results ?? defaultMaxResults);
      if (found.length === 0)
        return textResult(
          `No deferred tool matches "${input.query}". The reminder lists every deferred tool by name; use "select:<name>" or other keywords.`,
        );
      source.load(found);
      const lines = found.map(
        (tool) =>
          `<function>${JSON.stringify({ description: tool.description, name: tool.name, parameters: tool.inputSchema })}</function>`,
      );
      return textResult(
        `<functions>\n${lines.join('\n')}\n</functions>\nLoaded: ${found.map((tool) => tool.name).join(', ')}. Call them directly now.`,
      );
    },
  });
}
