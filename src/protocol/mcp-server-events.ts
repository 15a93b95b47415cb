import * as z from 'zod/mini';
import { HostMessageType, WebviewMessageType } from './message-type';

/** What the person can do with one server, as the host decides it from the server's state. */
export const mcpServerActionSchema = z.enum(['restart', 'turn-off', 'turn-on', 'approve', 'refuse']);
/** One server action. */
export type McpServerAction = z.infer<typeof mcpServerActionSchema>;

/** One MCP server as the panel shows it: no config values, no secrets. */
export const mcpServerViewSchema = z.object({
  name: z.string(),
  /** `cli`, `local`, `project`, `editor`, `user` or `builtin`. */
  scope: z.string(),
  /** `stdio: npx`, `http: https://api.example.com`, `in-process`. */
  transport: z.string(),
  status: z.enum(['pending', 'awaiting-trust', 'connecting', 'connected', 'failed', 'disabled']),
  /** The state in words: `connected (12 tools)`, `failed: the command was not found`. */
  detail: z.string(),
  toolCount: z.number(),
  actions: z.array(mcpServerActionSchema),
});
/** One server row. */
export type McpServerView = z.infer<typeof mcpServerViewSchema>;

/** The workspace's MCP servers, whole, whenever one of them changes. */
export const didChangeMcpServersSchema = z.object({
  type: z.literal(HostMessageType.DidChangeMcpServers),
  servers: z.array(mcpServerViewSchema),
});
/** Host → webview: the server list changed. */
export type DidChangeMcpServers = z.infer<typeof didChangeMcpServersSchema>;

/** Restart, turn off or on, approve or refuse one server; the answer is the next `DidChangeMcpServers`. */
export const mcpServerCommandSchema = z.object({
  type: z.literal(WebviewMessageType.McpServerCommand),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  action: mcpServerActionSchema,
});
/** Webview → host: act on one server. */
export type McpServerCommand = z.infer<typeof mcpServerCommandSchema>;
