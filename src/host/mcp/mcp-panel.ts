import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import type { McpServerCommand } from '../../protocol/mcp-server-events';
import { HostMessageType } from '../../protocol/message-type';
import { Disposable } from '../base/disposable';
import { runServerAction, toServerView } from './mcp-server-actions';
import type { McpService } from './mcp-service';

/**
 * The MCP servers in the panel: the whole list goes to the webview when it loads and whenever a
 * server's state changes, and the person's clicks come back as {@link McpServerCommand}s. Reading
 * the list reads the configuration only; nothing starts because the panel opened.
 */
export class McpPanel extends Disposable {
  constructor(
    private readonly service: McpService,
    private readonly post: (message: HostToWebviewMessage) => void,
    private readonly logger: Logger,
  ) {
    super();
    this._register(service.onDidChange(() => void this.send()));
  }

  /** Posts the current list (an empty one when no folder is open). */
  async send(): Promise<void> {
    const manager = await this.service.manager();
    const trusted = vscode.workspace.isTrusted;
    const servers = manager?.servers().map((server) => toServerView(server, trusted)) ?? [];
    this.post({ type: HostMessageType.DidChangeMcpServers, servers });
  }

  /** Carries out a click; the new state arrives as the next list. */
  async run(command: McpServerCommand): Promise<void> {
    const manager = await this.service.manager();
    if (!manager?.servers().some((server) => server.name === command.name)) {
      this.logger.debug(`MCP: no server "${command.name}" for ${command.action}`);
      return;
    }
    await runServerAction(manager, command.name, command.action);
  }
}
