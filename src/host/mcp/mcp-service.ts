import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { McpServerEntry } from '../../core/mcp/mcp-server-entry';
import type { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { ProjectServerTrust } from '../../core/mcp/project-server-trust';
import type { Logger } from '../../core/ports';
import { projectRootOf } from '../../node/agent/prompt-environment';
import { SystemClock } from '../../node/clock/system-clock';
import { approvalSettingsOf, createMcpServers, readMcpEntries } from '../../node/mcp/create-mcp-servers';
import { claudeJsonPath } from '../../node/mcp/mcp-config-loader';
import { loadSettings } from '../../node/settings/settings-loader';
import { Disposable } from '../base/disposable';
import type { HostSettings } from '../config/host-settings';
import { VscodeMcpTrustPrompt } from './vscode-mcp-trust-prompt';

/** What the service needs from the extension. */
export interface McpServiceOptions {
  settings(): HostSettings;
  /** The workspace folders (absolute paths); the first one's project holds `.mcp.json`. */
  roots(): readonly string[];
  logger: Logger;
  /** The extension's version, sent to servers as `clientInfo.version`. */
  version: string;
  /** Servers the editor runs itself (the IDE server), under reserved names. */
  builtin?: readonly McpServerEntry[];
}

interface Opened {
  manager: McpServerManager;
  trust: ProjectServerTrust;
  projectRoot: string;
}

/**
 * The window's MCP servers: one manager shared by every chat, made when the first agent (or the
 * server list) needs it, so nothing starts before that. Follows `.mcp.json`, `~/.claude.json`,
 * the Claude settings files and the `tandem.mcpServers` / `tandem.mcp.*` settings; a granted
 * Workspace Trust lets project servers be asked about. States change → {@link onDidChange}.
 */
export class McpService extends Disposable {
  readonly #options: McpServiceOptions;
  readonly #onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when a server's state, tools or the configuration change. */
  readonly onDidChange = this.#onDidChange.event;
  #opened: Promise<Opened | undefined> | undefined;
  #reloading: Promise<void> = Promise.resolve();

  constructor(options: McpServiceOptions) {
    super();
    this.#options = options;
  }

  /** The manager, made on first call; undefined when no folder is open. Never throws. */
  manager(): Promise<McpServerManager | undefined> {
    this.#opened ??= this.#open().catch((error: unknown) => {
      this.#options.logger.error('MCP: reading the server configuration failed', error);
      return undefined;
    });
    return this.#opened.then((opened) => opened?.manager);
  }

  /** Re-reads the configuration and the approval settings; running servers whose entry is unchanged keep running. */
  reload(): Promise<void> {
    this.#reloading = this.#reloading
      .then(() => this.#reload())
      .catch((error: unknown) => {
        this.#options.logger.error('MCP: reloading the configuration failed', error);
      });
    return this.#reloading;
  }

  override dispose(): void {
    void this.#opened?.then((opened) => opened?.manager.dispose());
    super.dispose();
  }

  async #open(): Promise<Opened | undefined> {
    const cwd = this.#options.roots()[0];
    if (!cwd) return undefined;
    const projectRoot = await projectRootOf(cwd);
    const settings = await loadSettings({ projectRoot, homeDir: homedir(), cwd, env: process.env });
    const host = this.#options.settings();
    const created = await createMcpServers({
      ...this.#sourceOptions(projectRoot, cwd),
      settingsEnv: settings.merged.env,
      settingsLevels: settings.levels,
      roots: this.#options.roots(),
      trustPrompt: new VscodeMcpTrustPrompt(),
      workspaceTrusted: vscode.workspace.isTrusted,
      timeouts: timeoutsOf(host),
      clientVersion: this.#options.version,
      clock: new SystemClock(),
      logger: this.#options.logger,
    });
    if (!created.ok) return undefined;
    this._register(created.manager.onDidChange(() => this.#onDidChange.fire()));
    this.#watch(projectRoot);
    return { manager: created.manager, trust: created.trust, projectRoot };
  }

  #sourceOptions(projectRoot: string, cwd: string) {
    const inspected = vscode.workspace.getConfiguration('tandem').inspect('mcpServers');
    return {
      projectRoot,
      cwd,
      homeDir: homedir(),
      env: process.env,
      // The setting is the person's own (user settings only): a workspace cannot add servers through it.
      editorServers: inspected?.globalValue,
      ...(this.#options.builtin ? { builtin: this.#options.builtin } : {}),
    };
  }

  async #reload(): Promise<void> {
    const opened = await this.#opened;
    if (!opened) return;
    const cwd = this.#options.roots()[0] ?? opened.projectRoot;
    const read = await readMcpEntries(this.#sourceOptions(opened.projectRoot, cwd));
    const settings = await loadSettings({
      projectRoot: opened.projectRoot,
      homeDir: homedir(),
      cwd,
      env: process.env,
    });
    opened.trust.update(approvalSettingsOf(settings.levels));
    opened.trust.setWorkspaceTrusted(vscode.workspace.isTrusted);
    opened.manager.setTimeouts(timeoutsOf(this.#options.settings()));
    await opened.manager.setEntries(read.entries, read.problems);
    await opened.manager.reconsiderProjectServers();
    this.#onDidChange.fire();
  }

  #watch(projectRoot: string): void {
    const reload = (): void => void this.reload();
    const folder = vscode.Uri.file(projectRoot);
    const patterns = [
      new vscode.RelativePattern(folder, '{.mcp.json,.claude/settings.json,.claude/settings.local.json}'),
      new vscode.RelativePattern(
        vscode.Uri.file(dirname(claudeJsonPath(homedir(), process.env))),
        basename(claudeJsonPath(homedir(), process.env)),
      ),
    ];
    for (const pattern of patterns) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      this._register(watcher.onDidChange(reload));
      this._register(watcher.onDidCreate(reload));
      this._register(watcher.onDidDelete(reload));
    }
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tandem.mcpServers') || event.affectsConfiguration('tandem.mcp'))
          reload();
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(reload));
  }
}

function timeoutsOf(settings: HostSettings): { connectMs: number; callMs: number } {
  return {
    connectMs: settings.mcpStartupTimeoutSeconds * 1_000,
    callMs: settings.mcpToolTimeoutSeconds * 1_000,
  };
}
