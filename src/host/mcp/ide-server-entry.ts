import type { McpServerEntry } from '../../core/mcp/mcp-server-entry';
import type { IdeServices } from '../bridge/start-ide';

/**
 * IDE-protocol tools that drive the `claude` CLI's own diff flow. Tandem's agent has its own
 * reviewed edits, so it is not offered these (as the CLI offers its model none of them).
 */
const diffFlowTools = ['openDiff', 'close_tab', 'closeAllDiffTabs'];

/**
 * The editor's IDE server as the agent's MCP server `ide` (`mcp__ide__getDiagnostics`,
 * `mcp__ide__executeCode`, …), connected in-process on every (re)connect. Its read-only tools run
 * without asking; the others go through the normal permission rules. `executeCode` then asks no
 * second question: the agent's permission gate has just asked about it (it is destructive), or a
 * rule or mode the person set allowed it.
 */
export function ideServerEntry(ide: () => Promise<IdeServices>): McpServerEntry {
  return {
    name: 'ide',
    scope: 'builtin',
    source: 'Tandem (this window)',
    config: {
      type: 'in-process',
      trusted: true,
      hiddenTools: diffFlowTools,
      connect: async () =>
        (await ide()).integration.connectInProcess({
          notifications: false,
          approval: { confirm: async () => true },
        }),
    },
  };
}
