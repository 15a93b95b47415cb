/**
 * The shape of an MCP server entry as Claude Code writes it (`.mcp.json`, `~/.claude.json`,
 * `--mcp-config`), and Tandem's `tandem.mcpServers` setting, which takes the same entries.
 */
import { z } from 'zod';

const stringRecord = z.record(z.string(), z.string());

/** A local process speaking MCP on stdin/stdout. `type` may be left out, as Claude Code allows. */
export const stdioServerConfigSchema = z.looseObject({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, { error: 'command must not be empty' }),
  args: z.array(z.string()).optional(),
  env: stringRecord.optional(),
});

/** A remote server: streamable HTTP (`http`), the older HTTP+SSE transport (`sse`), or a WebSocket (`ws`). */
export const remoteServerConfigSchema = z.looseObject({
  type: z.enum(['http', 'sse', 'ws']),
  url: z.string().min(1, { error: 'url must not be empty' }),
  headers: stringRecord.optional(),
});

/** One server entry. */
export const mcpServerConfigSchema = z.union([stdioServerConfigSchema, remoteServerConfigSchema]);

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
  const remote = type !== undefined && type !== 'stdio';
  const parsed = (remote ? remoteServerConfigSchema : stdioServerConfigSchema).safeParse(entry);
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

/** A file holding `{ "mcpServers": { … } }` (`.mcp.json`, `--mcp-config`); other keys are ignored. */
export const mcpConfigFileSchema = z.looseObject({ mcpServers: z.unknown().optional() });
