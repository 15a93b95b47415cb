import type { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { McpServerSnapshot } from '../../core/mcp/mcp-server-state';
import { describeState } from '../../core/mcp/mcp-server-state';
import type { McpServerAction, McpServerView } from '../../protocol/mcp-server-events';

/**
 * What the person may do with a server in its state, for the panel and the server list alike:
 * approve or refuse a project server (not in Restricted Mode, where none may start), turn a server
 * off for the session or on again, restart one that runs or failed.
 */
export function serverActions(server: McpServerSnapshot, workspaceTrusted: boolean): McpServerAction[] {
  const { state, scope } = server;
  const actions: McpServerAction[] = [];
  const held = state.kind === 'awaiting-trust' || (state.kind === 'disabled' && scope === 'project');
  if (scope === 'project' && held && workspaceTrusted) actions.push('approve');
  if (scope === 'project' && state.kind !== 'disabled') actions.push('refuse');
  if (state.kind === 'disabled' && scope !== 'project') actions.push('turn-on');
  if (state.kind !== 'disabled' && state.kind !== 'awaiting-trust') actions.push('restart', 'turn-off');
  return actions;
}

/** Carries out one action; an action that no longer applies does nothing. */
export async function runServerAction(
  manager: McpServerManager,
  name: string,
  action: McpServerAction,
): Promise<void> {
  switch (action) {
    case 'approve':
    case 'turn-on':
      return manager.enable(name);
    case 'refuse':
      return manager.reject(name);
    case 'turn-off':
      return manager.disable(name);
    case 'restart':
      return manager.restart(name);
  }
}

/** One server as the panel shows it. */
export function toServerView(server: McpServerSnapshot, workspaceTrusted: boolean): McpServerView {
  return {
    name: server.name,
    scope: server.scope,
    transport: server.transport,
    status: server.state.kind,
    detail: describeState(server.state),
    toolCount: server.tools.length,
    actions: serverActions(server, workspaceTrusted),
  };
}
