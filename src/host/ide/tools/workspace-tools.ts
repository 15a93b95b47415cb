import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { IdeToolContext } from '../ide-tool-context';
import { jsonResult } from './tool-results';

/** `getOpenEditors` (text tabs of every group) and `getWorkspaceFolders`. */
export function registerWorkspaceTools(server: McpServer, { editor }: IdeToolContext): void {
  server.registerTool(
    'getOpenEditors',
    {
      description:
        'The text files open in editor tabs: URI, label, dirty and preview state, language, line count, ' +
        'and the selection of the active one.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () => jsonResult({ tabs: editor.openEditors() }),
  );
  server.registerTool(
    'getWorkspaceFolders',
    {
      description: 'The folders open in the editor window, and the workspace file if there is one.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () => {
      const folders = editor.workspaceFolders();
      return jsonResult({
        success: true,
        folders,
        rootPath: folders[0]?.path ?? null,
        workspaceFile: editor.workspaceFile(),
      });
    },
  );
}
