/**
 * The JSON Schema VS Code uses for `.mcp.json`, the project's MCP servers in Claude Code's format.
 * The zod schema below is its single source; it follows Claude Code's documented shape (stdio,
 * `http`, `sse` and `ws` servers). No part of Tandem parses `.mcp.json` in this build, so the
 * schema lives beside its generator.
 */
import { z } from 'zod';

const expansion = 'May use `${VAR}` and `${VAR:-default}`, expanded from the environment.';

const headersSchema = z.record(z.string(), z.string()).meta({
  markdownDescription: `Request headers, for example \`{ "Authorization": "Bearer \${TOKEN}" }\`. ${expansion}`,
});
const headersHelperSchema = z.string().meta({
  markdownDescription: 'A shell command that prints a JSON object of headers, run before connecting.',
});

/** A server Claude Code starts as a child process and talks to over stdin/stdout. */
export const stdioServerSchema = z.looseObject({
  type: z
    .literal('stdio')
    .optional()
    .meta({ markdownDescription: '`stdio` (the default when `command` is set).' }),
  command: z
    .string()
    .min(1)
    .meta({ markdownDescription: `The program to start, for example \`npx\`. ${expansion}` }),
  args: z
    .array(z.string())
    .optional()
    .meta({ markdownDescription: `Its arguments. ${expansion}` }),
  env: z.record(z.string(), z.string()).optional().meta({
    markdownDescription: `Environment variables for it, for example \`{ "API_KEY": "\${API_KEY}" }\`.`,
  }),
});

/** A server reached over streamable HTTP or the older HTTP+SSE transport. */
export const httpServerSchema = z.looseObject({
  type: z.enum(['http', 'sse']).meta({
    markdownDescription: '`http` (streamable HTTP) or `sse` (the older HTTP with server-sent events).',
  }),
  url: z
    .string()
    .min(1)
    .meta({ markdownDescription: `The server's endpoint. ${expansion}` }),
  headers: headersSchema.optional(),
  headersHelper: headersHelperSchema.optional(),
});

/** A server reached over a WebSocket. */
export const webSocketServerSchema = z.looseObject({
  type: z.literal('ws').meta({ markdownDescription: '`ws`: a WebSocket server.' }),
  url: z
    .string()
    .min(1)
    .meta({ markdownDescription: `A \`ws:\` or \`wss:\` URL. ${expansion}` }),
  headers: headersSchema.optional(),
  headersHelper: headersHelperSchema.optional(),
});

/** `.mcp.json`: server name → how to reach it. */
export const mcpConfigSchema = z
  .looseObject({
    mcpServers: z
      .record(z.string(), z.union([stdioServerSchema, httpServerSchema, webSocketServerSchema]))
      .meta({
        markdownDescription:
          "The project's MCP servers by name. Their tools appear to the agent as `mcp__<name>__<tool>`, and permission rules name them the same way. Claude Code asks once before it first starts a project's servers.",
      }),
  })
  .meta({
    title: 'MCP servers',
    markdownDescription: 'MCP servers for this project, shared with Claude Code.',
  });

/** The generated schema (JSON Schema draft-07, which VS Code's JSON language service fully supports). */
export function mcpServersJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(mcpConfigSchema, { target: 'draft-07', io: 'input' });
}
