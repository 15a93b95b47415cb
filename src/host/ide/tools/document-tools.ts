import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { IdeToolContext } from '../ide-tool-context';
import { resolveToolPath } from './tool-path';
import { jsonResult } from './tool-results';

const filePath = z.string().describe('Absolute path of the document (or relative to the first folder)');

/** `checkDocumentDirty` and `saveDocument`: both about a document open in the editor. */
export function registerDocumentTools(server: McpServer, { editor }: IdeToolContext): void {
  server.registerTool(
    'checkDocumentDirty',
    {
      description: 'Whether an open document has unsaved changes.',
      inputSchema: { filePath },
      annotations: { readOnlyHint: true },
    },
    ({ filePath: argument }) => {
      const path = resolveToolPath(argument, editor.workspaceFolders());
      const state = editor.documentState(path);
      return jsonResult(
        state
          ? { success: true, filePath: path, ...state }
          : { success: false, message: `Document not open: ${path}` },
      );
    },
  );
  server.registerTool(
    'saveDocument',
    {
      description: 'Save an open document that has unsaved changes.',
      inputSchema: { filePath },
    },
    async ({ filePath: argument }) => {
      const path = resolveToolPath(argument, editor.workspaceFolders());
      const outcome = await editor.saveDocument(path);
      if (!outcome) return jsonResult({ success: false, message: `Document not open: ${path}` });
      return jsonResult({
        success: true,
        filePath: path,
        saved: outcome.saved,
        message: outcome.saved ? 'Document saved successfully' : 'Document was not dirty or save failed',
      });
    },
  );
}
