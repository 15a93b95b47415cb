import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { neutralizeReminderTags } from '../context/reminders';
import { buildTool } from '../tools/build-tool';
import type { AnyTool } from '../tools/tool';
import { errorResult, textResult } from '../tools/tool';

/** What the resource tools read from: the connected servers' resource lists, and one read. */
export interface McpResourceSource {
  /** Servers that list resources, with them. */
  listResources(): { server: string; resources: readonly Resource[] }[];
  readResource(request: {
    server: string;
    uri: string;
    signal: AbortSignal;
  }): Promise<{ ok: true; text: string } | { ok: false; message: string }>;
  /** Tandem's own servers: reading from them needs no question. */
  isTrusted(server: string): boolean;
}

const listInputSchema = z.strictObject({
  server: z.string().optional().describe('Only this server’s resources; omit for every server'),
});

const readInputSchema = z.strictObject({
  server: z.string().describe('The MCP server that lists the resource'),
  uri: z.string().describe('The resource URI, as ListMcpResourcesTool printed it'),
});

/**
 * `ListMcpResourcesTool` and `ReadMcpResourceTool`, as Claude Code names them: what connected
 * servers offer besides tools (files, records, documents). Listing reads Tandem's own copy of the
 * lists; reading asks the server, and is asked about like any tool of that server unless a rule
 * allows it (`ReadMcpResourceTool(<server>)`).
 */
export function createMcpResourceTools(source: McpResourceSource): AnyTool[] {
  const list = buildTool({
    name: 'ListMcpResourcesTool',
    description:
      'List the resources (documents, files, records) connected MCP servers offer, with their URIs. Read one with ReadMcpResourceTool.',
    inputSchema: listInputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    summarize: (input) => input.server ?? '',
    async *call(input) {
      const servers = source
        .listResources()
        .filter((entry) => input.server === undefined || entry.server === input.server);
      if (servers.length === 0)
        return input.server === undefined
          ? textResult('No connected MCP server lists resources.')
          : errorResult(`No connected MCP server named "${input.server}" lists resources.`);
      const lines = servers.flatMap(({ server, resources }) =>
        resources.map(
          (resource) =>
            `- server: ${server}, uri: ${resource.uri}, name: ${resource.name}${describeResource(resource)}`,
        ),
      );
      return textResult(neutralizeReminderTags(lines.join('\n')));
    },
  });
  const read = buildTool({
    name: 'ReadMcpResourceTool',
    description: 'Read one resource of a connected MCP server by its URI (from ListMcpResourcesTool).',
    inputSchema: readInputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    permissionTarget: (input) => input.server,
    summarize: (input) => `${input.server} ${input.uri}`,
    checkPermissions: async (input) =>
      source.isTrusted(input.server)
        ? { behavior: 'passthrough' }
        : {
            behavior: 'ask',
            reason: `Reading a resource of the MCP server "${input.server}".`,
            suggestedRule: `ReadMcpResourceTool(${input.server})`,
          },
    async *call(input, context) {
      const result = await source.readResource({
        server: input.server,
        uri: input.uri,
        signal: context.signal,
      });
      return result.ok ? textResult(neutralizeReminderTags(result.text)) : errorResult(result.message);
    },
  });
  return [list, read];
}

function describeResource(resource: Resource): string {
  const parts = [resource.mimeType, resource.description].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
