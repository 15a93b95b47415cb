import * as vscode from 'vscode';
import type { McpServerSnapshot } from '../../core/mcp/mcp-server-state';
import { describeState } from '../../core/mcp/mcp-server-state';
import { mcpServerRuleName } from '../../core/mcp/mcp-tool-name';
import type { McpServerAction } from '../../protocol/mcp-server-events';
import { runServerAction, serverActions } from './mcp-server-actions';
import type { McpServerManager } from '../../core/mcp/mcp-server-manager';

const icons: Record<McpServerSnapshot['state']['kind'], string> = {
  pending: '$(circle-outline)',
  'awaiting-trust': '$(shield)',
  connecting: '$(sync~spin)',
  connected: '$(pass-filled)',
  failed: '$(error)',
  disabled: '$(circle-slash)',
};

interface ServerItem extends vscode.QuickPickItem {
  server?: string;
}

interface ActionItem extends vscode.QuickPickItem {
  run(): Promise<void>;
}

/**
 * "Tandem: MCP Servers…": every configured server with its state (connected with its tool count,
 * failed with the reason, waiting for approval, off), live while the list is open, and per server
 * the actions that apply: restart, turn off or on for the session, approve or refuse a project
 * server, list its tools. Problems in the config files are listed too.
 */
export async function showMcpServers(manager: McpServerManager, showLog: () => void): Promise<void> {
  const pick = vscode.window.createQuickPick<ServerItem>();
  pick.title = 'Tandem: MCP Servers';
  pick.placeholder = 'Pick a server to restart, turn off or on, approve, or see its tools';
  const render = (): void => {
    const servers = manager.servers();
    pick.items = [
      ...servers.map((server) => ({
        label: `${icons[server.state.kind]} ${server.name}`,
        description: describeState(server.state),
        detail: `${server.transport} · ${server.scope} (${server.source})`,
        server: server.name,
      })),
      ...manager.problems.map((problem) => ({
        label: `$(warning) ${problem.server ?? problem.source}`,
        description: problem.message,
        detail: problem.source,
      })),
    ];
    if (pick.items.length === 0)
      pick.items = [
        {
          label: 'No MCP servers configured',
          detail: 'Add them to .mcp.json, ~/.claude.json or the tandem.mcpServers setting.',
        },
      ];
  };
  render();
  const subscription = manager.onDidChange(render);
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.server));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  subscription.dispose();
  pick.dispose();
  const server = manager.servers().find((candidate) => candidate.name === chosen);
  if (!server) return;
  const actions = actionsFor(server, manager, showLog);
  const action = await vscode.window.showQuickPick(actions, {
    title: `MCP server ${server.name}: ${describeState(server.state)}`,
  });
  await action?.run();
}

const actionLabels: Record<McpServerAction, { label: string; description?: string }> = {
  approve: {
    label: '$(check) Approve',
    description: 'start it now and in later sessions (enabledMcpjsonServers)',
  },
  refuse: { label: '$(close) Refuse', description: 'never start it (disabledMcpjsonServers)' },
  'turn-on': { label: '$(play) Turn On' },
  restart: { label: '$(debug-restart) Restart' },
  'turn-off': { label: '$(circle-slash) Turn Off', description: 'for this session' },
};

function actionsFor(server: McpServerSnapshot, manager: McpServerManager, showLog: () => void): ActionItem[] {
  const { name } = server;
  const actions: ActionItem[] = serverActions(server, vscode.workspace.isTrusted).map((action) => ({
    ...actionLabels[action],
    run: () => runServerAction(manager, name, action),
  }));
  if (server.tools.length > 0)
    actions.push({
      label: `$(tools) Show ${server.tools.length} Tools`,
      run: async () => {
        await vscode.window.showQuickPick(
          server.tools.map((tool) => ({ label: tool })),
          { title: `Tools of ${name} (permission rules: ${mcpServerRuleName(name)} or the tool's name)` },
        );
      },
    });
  actions.push({
    label: '$(output) Show Log',
    description: 'stderr and connection messages',
    run: async () => showLog(),
  });
  return actions;
}
