import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { IdeToolContext } from '../ide-tool-context';
import { resolveToolPath } from './tool-path';
import { jsonResult } from './tool-results';

const description =
  "Get the language diagnostics (errors, warnings, hints) the editor's language services report, " +
  'for one file or for every file that has any. Positions are 0-based. Cheap: read them after an edit ' +
  'to see whether it introduced problems.';

/**
 * `getDiagnostics` (§1.9): a JSON array with one entry per file. Reads what the editor already has
 * (never triggers a build), because the CLI gives it 500 ms for one file and 2 s for all. With a
 * `uri`, the entry echoes the URI as sent and exists even when the file has no problems.
 */
export function registerDiagnosticsTool(server: McpServer, { editor }: IdeToolContext): void {
  server.registerTool(
    'getDiagnostics',
    {
      description,
      inputSchema: {
        uri: z
          .string()
          .optional()
          .describe('File URI (file:///absolute/path) of one file; omit for all files with diagnostics'),
      },
      annotations: { readOnlyHint: true, title: 'Diagnostics' },
    },
    ({ uri }) => {
      if (!uri) return jsonResult(editor.diagnostics());
      const entries = editor.diagnostics(resolveToolPath(uri, editor.workspaceFolders()));
      return jsonResult(entries.map((entry) => ({ ...entry, uri })));
    },
  );
}
