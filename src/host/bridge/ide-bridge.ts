import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Logger } from '../../core/ports';
import { Disposable } from '../base/disposable';
import type { IdeIntegration } from '../ide/ide-integration';
import { readBridgeSettings } from './bridge-settings';
import { askWhichServesClaudeCli, claudeCodeInstalled, servesClaudeCli } from './claude-code-coexistence';
import type { IdeWebSocketServer } from './ide-websocket-server';
import { startIdeWebSocketServer } from './ide-websocket-server';
import { IdeLockFile, lockDirectory, sweepStaleLockFiles } from './lock-file';
import type { McpHttpServer } from './mcp-http-server';
import { startMcpHttpServer } from './mcp-http-server';
import { applyTerminalEnvironment } from './terminal-environment';

/** How Tandem names itself in lock files (`/ide` shows it); also how it recognises its own. */
export const lockIdeName = 'Tandem';

const tokenSecret = 'tandem.bridge.mcpToken';
const portKey = 'tandem.bridge.mcpPort';
const portSchema = z.number().int().min(1).max(65_535);

/** Where the bridge can be reached now. Tokens are secrets: never log them. */
export interface IdeBridgeStatus {
  /** The IDE protocol endpoint the CLI auto-connects to; absent while Anthropic's extension serves the CLI. */
  ide?: { port: number; url: string; token: string; lockFile: string };
  /** Every IDE tool as an ordinary MCP server. */
  mcp: { url: string; token: string };
}

/**
 * The IDE MCP server offered outside the editor: the IDE protocol on `ws://127.0.0.1:<port>` with its
 * lock file and terminal environment (§1.2–1.6), and the same tools over streamable HTTP for any MCP
 * client. Follows `tandem.bridge.*`; rewrites the lock (same port and token) when folders change;
 * removes it and stops both servers on dispose.
 */
export class IdeBridge extends Disposable {
  readonly #context: vscode.ExtensionContext;
  readonly #ide: IdeIntegration;
  readonly #logger: Logger;
  readonly #onDidChange = new vscode.EventEmitter<IdeBridgeStatus | undefined>();
  /** Fires after every (re)start or stop. */
  readonly onDidChange = this.#onDidChange.event;
  #status: IdeBridgeStatus | undefined;
  #webSocket: IdeWebSocketServer | undefined;
  #http: McpHttpServer | undefined;
  #lockFile: IdeLockFile | undefined;
  #asked = false;
  #claudeCodeInstalled = claudeCodeInstalled();
  #queue: Promise<void> = Promise.resolve();

  constructor(options: { context: vscode.ExtensionContext; ide: IdeIntegration; logger: Logger }) {
    super();
    this.#context = options.context;
    this.#ide = options.ide;
    this.#logger = options.logger;
    this._register(this.#onDidChange);
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tandem.bridge')) void this.restart();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.#serialise(() => this.#writeLock())),
    );
    this._register(
      vscode.extensions.onDidChange(() => {
        if (claudeCodeInstalled() === this.#claudeCodeInstalled) return;
        this.#claudeCodeInstalled = !this.#claudeCodeInstalled;
        void this.restart();
      }),
    );
    this._register({
      dispose: () => {
        // Synchronously: the extension host may exit right after deactivation.
        this.#lockFile?.remove();
        this.#lockFile = undefined;
        void this.#serialise(() => this.#stop());
      },
    });
  }

  /** Where the bridge is reachable now; undefined while it is off. */
  get status(): IdeBridgeStatus | undefined {
    return this.#status;
  }

  /** Stops what runs and starts what the settings ask for; calls never overlap. */
  restart(): Promise<void> {
    return this.#serialise(async () => {
      await this.#stop();
      if (!this.isDisposed) await this.#start();
    });
  }

  #serialise(step: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue
      .then(step)
      .catch((error: unknown) => this.#logger.error('ide bridge failed', error));
    return this.#queue;
  }

  async #start(): Promise<void> {
    const settings = readBridgeSettings();
    if (!settings.enabled) {
      this.#logger.info('ide bridge: off (tandem.bridge.enabled)');
      return this.#publish(undefined);
    }
    const http = await this.#startHttp();
    const serveCli = servesClaudeCli(settings);
    if (!serveCli && settings.claudeCodeExtension === 'ask' && claudeCodeInstalled() && !this.#asked) {
      this.#asked = true;
      void askWhichServesClaudeCli();
    }
    const ide = serveCli ? await this.#startWebSocket() : undefined;
    if (!serveCli)
      this.#logger.info("ide bridge: Anthropic's extension serves the claude CLI in this window");
    applyTerminalEnvironment(this.#context.environmentVariableCollection, {
      ...(ide ? { idePort: ide.port } : {}),
      skipExtensionInstall: settings.skipClaudeCodeExtensionInstall,
      mcp: http,
    });
    this.#publish({ ...(ide ? { ide } : {}), mcp: http });
  }

  async #startHttp(): Promise<{ url: string; token: string }> {
    const stored = await this.#context.secrets.get(tokenSecret);
    const token = stored ?? randomUUID();
    if (!stored) await this.#context.secrets.store(tokenSecret, token);
    const port = portSchema.safeParse(this.#context.workspaceState.get(portKey));
    const preferredPort = port.success ? port.data : undefined;
    this.#http = await startMcpHttpServer({
      token,
      logger: this.#logger,
      createServer: () => this.#ide.createServer({ label: 'http', notifications: false }),
      ...(preferredPort ? { preferredPort } : {}),
    });
    await this.#context.workspaceState.update(portKey, this.#http.port);
    this.#logger.info(`mcp endpoint: listening on ${this.#http.url}`);
    return { url: this.#http.url, token };
  }

  async #startWebSocket(): Promise<NonNullable<IdeBridgeStatus['ide']>> {
    const directory = lockDirectory();
    const swept = await sweepStaleLockFiles(directory, (lock) => lock.ideName === lockIdeName);
    for (const path of swept) this.#logger.info(`ide bridge: removed the stale lock ${path}`);
    const token = randomUUID();
    this.#webSocket = await startIdeWebSocketServer({
      token,
      logger: this.#logger,
      accept: async (transport, client) => {
        this.#logger.info(`ide bridge: ${client.userAgent} connected`);
        await this.#ide.createServer({ label: 'bridge' }).connect(transport);
      },
    });
    const { port } = this.#webSocket;
    // pid: the window's process, an ancestor of its terminals' shells, as the CLI checks.
    this.#lockFile = new IdeLockFile({ directory, port, token, ideName: lockIdeName, pid: process.ppid });
    await this.#writeLock();
    this.#logger.info(`ide bridge: listening on ws://127.0.0.1:${port}, lock ${this.#lockFile.path}`);
    return { port, url: `ws://127.0.0.1:${port}`, token, lockFile: this.#lockFile.path };
  }

  async #writeLock(): Promise<void> {
    await this.#lockFile?.write((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath));
  }

  async #stop(): Promise<void> {
    this.#lockFile?.remove();
    this.#lockFile = undefined;
    await Promise.allSettled([this.#webSocket?.close(), this.#http?.close()]);
    this.#webSocket = undefined;
    this.#http = undefined;
    applyTerminalEnvironment(this.#context.environmentVariableCollection, undefined);
    this.#publish(undefined);
  }

  #publish(status: IdeBridgeStatus | undefined): void {
    this.#status = status;
    if (!this.isDisposed) this.#onDidChange.fire(status);
  }
}
