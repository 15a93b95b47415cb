import type { AgentOptions } from '../../core/agent/agent';
import { withNewDiagnostics } from '../../core/mcp/diagnostics-callbacks';
import { ideDiagnosticsProvider } from '../../core/mcp/ide-diagnostics';
import type { McpServerManager } from '../../core/mcp/mcp-server-manager';
import { NewDiagnosticsTracker } from '../../core/mcp/new-diagnostics-tracker';
import type { McpTrustPrompt } from '../../core/mcp/project-server-trust';
import type { Clock, Logger } from '../../core/ports';
import type { AnyTool } from '../../core/tools/tool';
import { createMcpServers } from '../mcp/create-mcp-servers';
import { toolSearchBudgetFromEnv } from '../mcp/tool-search-budget';
import type { LoadedSettings } from '../settings/settings-loader';

/** What a session says about its MCP servers (the CLI's flags, or the editor's shared manager). */
export interface McpSessionOptions {
  /**
   * The workspace's MCP servers when the host keeps them (the editor: one manager per window, shared
   * by its chats and closed by the editor). Without it the session reads the config files and makes
   * its own, closed with the session.
   */
  mcp?: McpServerManager;
  /** `--mcp-config` values (files or JSON text) for this run. */
  mcpConfigs?: string[];
  /** `--strict-mcp-config`: only the `mcpConfigs` servers. */
  strictMcpConfig?: boolean;
  /** Asks about new `.mcp.json` servers before they start; absent = only the settings keys decide. */
  mcpTrustPrompt?: McpTrustPrompt;
  /**
   * Estimated tokens MCP tool definitions may take before ToolSearch defers them; default from
   * Claude Code's `ENABLE_TOOL_SEARCH`, else 2,000.
   */
  toolSearchBudgetTokens?: number;
  /** Workspace Trust; false = read-only tools only, and no project server starts. Default true. */
  trusted?: boolean;
}

/** Where the session runs. */
export interface McpSessionPlace {
  env: Record<string, string | undefined>;
  logger: Logger;
  homeDir: string;
  cwd: string;
  roots: string[];
  projectRoot: string;
}

/**
 * The host's MCP servers, or the session's own read from the config files (`owned`: the session
 * closes them). Nothing starts here; the first message starts them. Fails only on a bad
 * `--mcp-config`.
 */
export async function openMcpServers(request: {
  options: McpSessionOptions;
  place: McpSessionPlace;
  settings: LoadedSettings;
  clock: Clock;
  clientVersion: string;
}): Promise<{ ok: true; manager: McpServerManager; owned: boolean } | { ok: false; message: string }> {
  const { options, place, settings } = request;
  if (options.mcp) return { ok: true, manager: options.mcp, owned: false };
  const created = await createMcpServers({
    projectRoot: place.projectRoot,
    cwd: place.cwd,
    homeDir: place.homeDir,
    env: place.env,
    settingsEnv: settings.merged.env,
    settingsLevels: settings.levels,
    roots: place.roots,
    ...(options.mcpConfigs ? { cliConfigs: options.mcpConfigs } : {}),
    ...(options.strictMcpConfig ? { strict: true } : {}),
    ...(options.mcpTrustPrompt ? { trustPrompt: options.mcpTrustPrompt } : {}),
    workspaceTrusted: options.trusted ?? true,
    clientVersion: request.clientVersion,
    clock: request.clock,
    logger: place.logger,
  });
  return created.ok ? { ok: true, manager: created.manager, owned: true } : created;
}

type Callbacks = Pick<AgentOptions, 'onPrompt' | 'reminders' | 'afterToolCall'>;

/**
 * What the Agent (and its sub-agents) take from the MCP servers: their tools, without those a deny
 * rule removes outright, the ToolSearch budget (the option, else Claude Code's `ENABLE_TOOL_SEARCH`),
 * and, when an `ide` server is configured, the session callbacks with the new-diagnostics reminder.
 */
export function mcpAgentParts(request: {
  manager: McpServerManager;
  options: McpSessionOptions;
  env: Record<string, string | undefined>;
  contextWindow: number;
  allowed(tools: readonly AnyTool[]): AnyTool[];
}): {
  agent: Pick<AgentOptions, 'externalTools' | 'toolSearchBudgetTokens'>;
  withDiagnostics<T extends Callbacks>(callbacks: T): T;
} {
  const { manager } = request;
  const budget =
    request.options.toolSearchBudgetTokens ??
    toolSearchBudgetFromEnv(request.env.ENABLE_TOOL_SEARCH, request.contextWindow);
  // Claude Code's IDE reminder: new problems in the files an edit touched, from the `ide` server.
  const ide = manager.servers().some((server) => server.name === 'ide');
  const tracker = ide
    ? new NewDiagnosticsTracker(ideDiagnosticsProvider((call) => manager.callTool(call)))
    : undefined;
  return {
    agent: {
      externalTools: async (signal) => request.allowed(await manager.tools(signal)),
      ...(budget === undefined ? {} : { toolSearchBudgetTokens: budget }),
    },
    withDiagnostics: (callbacks) => (tracker ? withNewDiagnostics(callbacks, tracker) : callbacks),
  };
}
