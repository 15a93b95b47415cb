import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { IdeToolContext } from '../ide-tool-context';
import { jsonResult } from './tool-results';

/**
 * `getCurrentSelection` (the active editor now) and `getLatestSelection` (the last selection
 * announced with `selection_changed`, even if that editor is no longer active).
 */
export function registerSelectionTools(server: McpServer, { editor, selections }: IdeToolContext): void {
  server.registerTool(
    'getCurrentSelection',
    {
      description: "The active editor's selected text, file and 0-based range.",
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () => {
      const selection = editor.currentSelection();
      return jsonResult(
        selection ? { success: true, ...selection } : { success: false, message: 'No active editor found' },
      );
    },
  );
  server.registerTool(
    'getLatestSelection',
    {
      description: 'The most recent selection made in any editor, even if that editor is no longer active.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () => {
      const latest = selections.latest ?? editor.currentSelection();
      return jsonResult(
        latest ? { success: true, ...latest } : { success: false, message: 'No selection available' },
      );
    },
  );
}
