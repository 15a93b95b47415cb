import { join } from 'node:path';
import type { McpServerEntry } from '../../core/mcp/mcp-server-entry';
import { mergeServerSources } from '../../core/mcp/mcp-server-entry';
import { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { McpTrustPrompt } from '../../core/mcp/project-server-trust';
import { ProjectServerTrust, mcpApprovalSettings } from '../../core/mcp/project-server-trust';
import type { Clock, Logger } from '../../core/ports';
import type { SettingsLevel } from '../../core/settings/merge-settings';
import { settingsPrecedence } from '../../core/settings/merge-settings';
import { LocalSettingsTrustStore } from './local-settings-trust-store';
import type { McpConfigLoaderOptions } from './mcp-config-loader';
import { loadMcpServerSources } from './mcp-config-loader';
import { NodeMcpTransports } from './node-mcp-transports';

/** Claude Code's defaults: 30 s to start a server (`MCP_TIMEOUT`); a tool call gets ten minutes here. */
export const defaultMcpTimeouts = { connectMs: 30_000, callMs: 600_000 };

/** Options of {@link createMcpServers}. */
export interface CreateMcpServersOptions extends Omit<McpConfigLoaderOptions, 'env'> {
  /** The process environment: `CLAUDE_CONFIG_DIR`, `MCP_TIMEOUT`, `MCP_TOOL_TIMEOUT`, variables for stdio servers. */
  env: Readonly<Record<string, string | undefined>>;
  /** The settings' `env` block: laid over `env` for `${VAR}` expansion. */
  settingsEnv?: Readonly<Record<string, string>>;
  /** Settings levels, for `enableAllProjectMcpServers` / `enabledMcpjsonServers` / `disabledMcpjsonServers`. */
  settingsLevels: readonly SettingsLevel[];
  /** Workspace folders, answered to `roots/list`. */
  roots: readonly string[];
  /** Servers the host runs itself (the editor's IDE server), under reserved names. */
  builtin?: readonly McpServerEntry[];
  /** Asks about new project servers; absent = nobody can answer (a headless run). */
  trustPrompt?: McpTrustPrompt;
  /** Milliseconds; default {@link defaultMcpTimeouts}, or `MCP_TIMEOUT` / `MCP_TOOL_TIMEOUT`. */
  timeouts?: Partial<typeof defaultMcpTimeouts>;
  clientVersion: string;
  clock: Clock;
  logger: Logger;
}

/** The trust verdicts' settings, highest level first (only the order of `enableAll…` matters). */
export function approvalSettingsOf(levels: readonly SettingsLevel[]) {
  const ordered = [...levels].sort(
    (a, b) => settingsPrecedence.indexOf(a.source) - settingsPrecedence.indexOf(b.source),
  );
  return mcpApprovalSettings(ordered);
}

/**
 * Reads every MCP scope and builds the workspace's server manager (nothing starts yet). Fails only
 * on an unusable `--mcp-config` value, which the person asked for explicitly; every other problem is
 * logged and shown with the servers.
 */
export async function createMcpServers(
  options: CreateMcpServersOptions,
): Promise<
  { ok: true; manager: McpServerManager; trust: ProjectServerTrust } | { ok: false; message: string }
> {
  const loaded = await loadMcpServerSources(options);
  if (loaded.cliErrors.length > 0) return { ok: false, message: loaded.cliErrors.join('\n') };
  const merged = mergeServerSources(loaded.sources, options.builtin);
  const trust = new ProjectServerTrust({
    settings: approvalSettingsOf(options.settingsLevels),
    ...(options.trustPrompt ? { prompt: options.trustPrompt } : {}),
    store: new LocalSettingsTrustStore(
      join(options.projectRoot, '.claude', 'settings.local.json'),
      options.logger,
    ),
    logger: options.logger,
  });
  const manager = new McpServerManager({
    entries: merged.entries,
    transports: new NodeMcpTransports({
      cwd: options.projectRoot,
      projectDir: options.projectRoot,
      env: options.env,
    }),
    trust,
    env: { ...options.env, ...options.settingsEnv },
    clock: options.clock,
    logger: options.logger,
    clientInfo: { name: 'tandem', version: options.clientVersion },
    roots: options.roots,
    timeouts: {
      connectMs:
        options.timeouts?.connectMs ?? milliseconds(options.env.MCP_TIMEOUT) ?? defaultMcpTimeouts.connectMs,
      callMs:
        options.timeouts?.callMs ?? milliseconds(options.env.MCP_TOOL_TIMEOUT) ?? defaultMcpTimeouts.callMs,
    },
    problems: [...loaded.problems, ...merged.problems],
  });
  return { ok: true, manager, trust };
}

function milliseconds(value: string | undefined): number | undefined {
  const number = Number(value);
  return value !== undefined && Number.isFinite(number) && number > 0 ? number : undefined;
}
