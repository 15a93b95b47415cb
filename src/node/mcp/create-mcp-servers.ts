import { join } from 'node:path';
import type { McpConfigProblem } from '../../core/mcp/mcp-server-config';
import type { McpServerEntry } from '../../core/mcp/mcp-server-entry';
import { mergeServerSources } from '../../core/mcp/mcp-server-entry';
import { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { McpApprovalSettings, McpTrustPrompt } from '../../core/mcp/project-server-trust';
import { ProjectServerTrust, mcpApprovalSettings } from '../../core/mcp/project-server-trust';
import type { Clock, Logger } from '../../core/ports';
import type { SettingsLevel } from '../../core/settings/merge-settings';
import { settingsPrecedence } from '../../core/settings/merge-settings';
import { LocalSettingsTrustStore } from './local-settings-trust-store';
import type { McpConfigLoaderOptions } from './mcp-config-loader';
import { loadMcpServerSources } from './mcp-config-loader';
import { NodeMcpTransports } from './node-mcp-transports';

/** Claude Code's default of 30 s to start a server (`MCP_TIMEOUT`); a tool call gets ten minutes. */
export const defaultMcpTimeouts = { connectMs: 30_000, callMs: 600_000 };

/** What {@link readMcpEntries} reads: the config files, plus the host's own servers. */
export type McpEntriesOptions = McpConfigLoaderOptions & { builtin?: readonly McpServerEntry[] };

/** Options of {@link createMcpServers}. */
export interface CreateMcpServersOptions extends McpEntriesOptions {
  /** The settings' `env` block: laid over `env` for `${VAR}` expansion. */
  settingsEnv?: Readonly<Record<string, string>>;
  /** Settings levels, for `enableAllProjectMcpServers` / `enabledMcpjsonServers` / `disabledMcpjsonServers`. */
  settingsLevels: readonly SettingsLevel[];
  /** Workspace folders, answered to `roots/list`. */
  roots: readonly string[];
  /** Asks about new project servers; absent = nobody can answer (a headless run). */
  trustPrompt?: McpTrustPrompt;
  /** VS Code Workspace Trust; false = no project server starts. Default true. */
  workspaceTrusted?: boolean;
  /** Milliseconds; default `MCP_TIMEOUT` / `MCP_TOOL_TIMEOUT` from `env`, else {@link defaultMcpTimeouts}. */
  timeouts?: Partial<typeof defaultMcpTimeouts>;
  clientVersion: string;
  clock: Clock;
  logger: Logger;
}

/** The approval keys of loaded settings levels, in precedence order (which `enableAll…` wins). */
export function approvalSettingsOf(levels: readonly SettingsLevel[]): McpApprovalSettings {
  const ordered = [...levels].sort(
    (a, b) => settingsPrecedence.indexOf(a.source) - settingsPrecedence.indexOf(b.source),
  );
  return mcpApprovalSettings(ordered);
}

/**
 * Every configured server, scopes merged, with what was wrong in the files; `cliErrors` are
 * unusable `--mcp-config` values. Also what a host re-reads when a config file changes.
 */
export async function readMcpEntries(
  options: McpEntriesOptions,
): Promise<{ entries: McpServerEntry[]; problems: McpConfigProblem[]; cliErrors: string[] }> {
  const loaded = await loadMcpServerSources(options);
  const merged = mergeServerSources(loaded.sources, options.builtin);
  return {
    entries: merged.entries,
    problems: [...loaded.problems, ...merged.problems],
    cliErrors: loaded.cliErrors,
  };
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
  const read = await readMcpEntries(options);
  if (read.cliErrors.length > 0) return { ok: false, message: read.cliErrors.join('\n') };
  const trust = new ProjectServerTrust({
    settings: approvalSettingsOf(options.settingsLevels),
    ...(options.trustPrompt ? { prompt: options.trustPrompt } : {}),
    ...(options.workspaceTrusted === undefined ? {} : { workspaceTrusted: options.workspaceTrusted }),
    store: new LocalSettingsTrustStore(
      join(options.projectRoot, '.claude', 'settings.local.json'),
      options.logger,
    ),
    logger: options.logger,
  });
  const manager = new McpServerManager({
    entries: read.entries,
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
    problems: read.problems,
  });
  return { ok: true, manager, trust };
}

function milliseconds(value: string | undefined): number | undefined {
  const number = Number(value);
  return value !== undefined && Number.isFinite(number) && number > 0 ? number : undefined;
}
