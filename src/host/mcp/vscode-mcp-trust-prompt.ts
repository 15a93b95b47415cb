import * as vscode from 'vscode';
import type { McpTrustAnswer, McpTrustPrompt, McpTrustQuestion } from '../../core/mcp/project-server-trust';

const useThese = 'Use These Servers';
const useAll = 'Use All Project Servers';
const dontUse = "Don't Use";

/**
 * The editor's consent dialog for new `.mcp.json` servers: a modal naming each server and how it
 * runs. "Use All Project Servers" also covers servers the project adds later, as Claude Code's
 * `enableAllProjectMcpServers`. Dismissing it decides nothing: the servers wait, and the person
 * can approve them later from "Tandem: MCP Servers…".
 */
export class VscodeMcpTrustPrompt implements McpTrustPrompt {
  async ask(servers: readonly McpTrustQuestion[]): Promise<McpTrustAnswer | undefined> {
    const names = servers.map((server) => `• ${server.name}: ${server.transport}`).join('\n');
    const choice = await vscode.window.showWarningMessage(
      servers.length === 1
        ? `This project's .mcp.json adds the MCP server "${servers[0]?.name ?? ''}". Start it?`
        : `This project's .mcp.json adds ${servers.length} MCP servers. Start them?`,
      {
        modal: true,
        detail: `${names}\n\nAn MCP server runs code on this machine or reaches a service with your data. Start only servers you trust.`,
      },
      useThese,
      useAll,
      dontUse,
    );
    if (choice === useThese) return 'approve';
    if (choice === useAll) return 'approve-all';
    if (choice === dontUse) return 'reject';
    return undefined;
  }
}
