/**
 * The shape of an MCP server entry as Claude Code writes it (`.mcp.json`, `~/.claude.json`,
 * `--mcp-config`), and Tandem's `tandem.mcpServers` setting, which takes the same entries. The one
 * source of both the parser and the JSON Schema VS Code validates `.mcp.json` with (`npm run
 * schemas`); the descriptions are what a person reads while typing the file.
 */
import { z } from 'zod';

const expansion = 'May use `${VAR}` and `${VAR:-default}`, expanded from the environment.';

const headersSchema = z.record(z.string(), z.string()).meta({
  markdownDescription: `Request headers, for example \`{ "Authorization": "Bearer \${TOKEN}" }\`. ${expansion}`,
});
const headersHelperSchema = z.string().meta({
  markdownDescription:
    'A shell command that prints a JSON object of headers, run before each connection (10 s at most); its headers win over `headers`.',
});

/** A local process speaking MCP on stdin/stdout. `type` may be left out, as Claude Code allows. */
export const stdioServerConfigSchema = z.looseObject({
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
  env: z
    .record(z.string(), z.string())
    .optional()
    .meta({
      markdownDescription: `Environment variables for it, for example \`{ "API_KEY": "\${API_KEY}" }\`. ${expansion}`,
    }),
});

/** A server reached over streamable HTTP (`http`) or the older HTTP+SSE transport (`sse`). */
export const httpServerConfigSchema = z.looseObject({
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
export const webSocketServerConfigSchema = z.looseObject({
  type: z.literal('ws').meta({ markdownDescription: '`ws`: a WebSocket server.' }),
  url: z
    .string()
    .min(1)
    .meta({ markdownDescription: `A \`ws:\` or \`wss:\` URL. ${expansion}` }),
  headers: headersSchema.optional(),
  headersHelper: headersHelperSchema.optional(),
});

/** A remote server entry's schema: HTTP, SSE or WebSocket. */
export const remoteServerConfigSchema = z.union([httpServerConfigSchema, webSocketServerConfigSchema]);

/** One server entry. */
export const mcpServerConfigSchema = z.union([
  stdioServerConfigSchema,
  httpServerConfigSchema,
  webSocketServerConfigSchema,
]);

/** `.mcp.json` as documented (what the editor validates); the loader reads it entry by entry. */
export const mcpConfigFileSchema = z
  .looseObject({
    mcpServers: z.record(z.string(), mcpServerConfigSchema).meta({
      markdownDescription:
        "The project's MCP servers by name. Their tools appear to the agent as `mcp__<name>__<tool>`, and permission rules name them the same way. Tandem and Claude Code ask once before they first start a project's servers.",
    }),
  })
  .meta({
    title: 'MCP servers',
    markdownDescription: 'MCP servers for this project, shared with Claude Code.',
  });

/** A stdio server entry. */
export type StdioServerConfig = z.infer<typeof stdioServerConfigSchema>;
/** A remote server entry. */
export type RemoteServerConfig = z.infer<typeof remoteServerConfigSchema>;
/** Any server entry, as written (before `${VAR}` expansion). */
export type McpServerConfig = z.infer<typeof mcpServerConfigSchema>;

/** True for `http`, `sse` and `ws` entries. */
export function isRemoteServer(config: McpServerConfig): config is RemoteServerConfig {
  return config.type === 'http' || config.type === 'sse' || config.type === 'ws';
}

/** A problem with one entry or file, for the log and the server list; never holds expanded values. */
export interface McpConfigProblem {
  /** The file (or setting) the entry came from. */
  source: string;
  /** The server name, when the problem is with one entry. */
  server?: string;
  message: string;
}

/**
 * Validates a map of entries (`mcpServers`). Valid entries are kept, each invalid one is reported
 * with its name and left out; a value that is not an object yields no servers and one problem.
 */
export function parseServerMap(
  raw: unknown,
  source: string,
): { servers: Map<string, McpServerConfig>; problems: McpConfigProblem[] } {
  const servers = new Map<string, McpServerConfig>();
  const problems: McpConfigProblem[] = [];
  if (raw === undefined) return { servers, problems };
  const map = z.record(z.string(), z.unknown()).safeParse(raw);
  if (!map.success) {
    problems.push({ source, message: '"mcpServers" must be an object of server entries' });
    return { servers, problems };
  }
  for (const [name, entry] of Object.entries(map.data)) {
    const parsed = parseServerEntry(entry);
    if (parsed.ok) servers.set(name, parsed.config);
    else problems.push({ source, server: name, message: parsed.message });
  }
  return { servers, problems };
}

/** One entry, checked against the shape it claims (remote by its `type` or `url`, else stdio). */
function parseServerEntry(
  entry: unknown,
): { ok: true; config: McpServerConfig } | { ok: false; message: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return { ok: false, message: 'an entry must be an object' };
  const { type, url, command } = entry as Record<string, unknown>;
  if (url !== undefined && type === undefined)
    return { ok: false, message: 'a server with a url needs "type": "http", "sse" or "ws"' };
  if (command === undefined && type === undefined)
    return { ok: false, message: 'a server needs a "command" (stdio) or a "type" and "url"' };
  const schema =
    type === 'ws'
      ? webSocketServerConfigSchema
      : type === undefined || type === 'stdio'
        ? stdioServerConfigSchema
        : httpServerConfigSchema;
  const parsed = schema.safeParse(entry);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, message: firstIssue(parsed.error) };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid entry';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}
