import * as vscode from 'vscode';
import type { IdeBridge } from './ide-bridge';
import { mcpServerConfig, mcpTokenVariable, mcpUrlVariable } from './mcp-config-snippet';

/** The command contributed in package.json. */
export const copyMcpServerConfigCommand = 'tandem.copyMcpServerConfig';

/**
 * "Tandem: Copy MCP Server Config": puts a ready `.mcp.json` for the HTTP endpoint on the clipboard,
 * in the form the person picks — `${…}` references to this window's terminal variables (safe to
 * commit) or the literal address and token (works outside VS Code; keep it private).
 */
export function registerCopyMcpConfigCommand(bridge: IdeBridge): vscode.Disposable {
  return vscode.commands.registerCommand(copyMcpServerConfigCommand, async () => {
    const mcp = bridge.status?.mcp;
    if (!mcp) {
      const enable = 'Enable the Bridge';
      const choice = await vscode.window.showWarningMessage("Tandem's MCP server is off.", enable);
      if (choice === enable) {
        await vscode.workspace
          .getConfiguration('tandem.bridge')
          .update('enabled', true, vscode.ConfigurationTarget.Global);
      }
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: 'For terminals of this window',
          detail: `Uses \${${mcpUrlVariable}} and \${${mcpTokenVariable}}, which Tandem sets in this window's terminals. Safe to commit.`,
          form: 'variables' as const,
        },
        {
          label: 'With the address and token',
          detail: `${mcp.url} and its token, for agents started outside VS Code. Keep it private.`,
          form: 'inline' as const,
        },
      ],
      { title: 'Tandem: Copy MCP Server Config', placeHolder: 'How the config reaches the server' },
    );
    if (!picked) return undefined;
    const text = mcpServerConfig(
      picked.form === 'variables' ? { kind: 'variables' } : { kind: 'inline', ...mcp },
    );
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(
      'Tandem: MCP server config copied. Paste it into .mcp.json (or merge its "tandem" entry).',
    );
    return text;
  });
}
