import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { IdeToolContext } from '../ide-tool-context';
import { resolveToolPath } from './tool-path';
import { errorResult, jsonResult, textResult } from './tool-results';

const inputSchema = {
  filePath: z.string().describe('Path of the file to open (absolute, or relative to the first folder)'),
  preview: z.boolean().default(false).describe('Open in a preview tab'),
  startText: z.string().optional().describe('Select from the first occurrence of this text'),
  endText: z.string().optional().describe('…to the end of the first occurrence of this text after it'),
  selectToEndOfLine: z.boolean().default(false).describe('Extend the selection to the end of its last line'),
  makeFrontmost: z
    .boolean()
    .default(true)
    .describe('Focus the editor; false opens it in the background and answers with its details as JSON'),
};

/** `openFile` (§1.7 #1): opens a file, optionally selecting a text span, and says what it did. */
export function registerOpenFileTool(server: McpServer, { editor }: IdeToolContext): void {
  server.registerTool(
    'openFile',
    {
      description:
        'Open a file in the editor, optionally selecting a span of text given by its start and end.',
      inputSchema,
      annotations: { readOnlyHint: true },
    },
    async (input) => {
      const path = resolveToolPath(input.filePath, editor.workspaceFolders());
      const outcome = await editor.openFile({
        filePath: path,
        preview: input.preview,
        selectToEndOfLine: input.selectToEndOfLine,
        makeFrontmost: input.makeFrontmost,
        ...(input.startText ? { startText: input.startText } : {}),
        ...(input.endText ? { endText: input.endText } : {}),
      });
      if (outcome.kind === 'not-found') return errorResult(`File not found: ${path}`);
      const message =
        outcome.selected === undefined
          ? `Opened file: ${path}`
          : outcome.selected
            ? `Opened file and selected text: ${path}`
            : `Opened file: ${path} (text "${input.startText ?? ''}" not found)`;
      if (input.makeFrontmost) return textResult(message);
      return jsonResult({
        success: true,
        filePath: path,
        fileUrl: outcome.fileUrl,
        message,
        languageId: outcome.languageId,
        lineCount: outcome.lineCount,
        isDirty: outcome.isDirty,
        isUntitled: outcome.isUntitled,
        isClosed: false,
      });
    },
  );
}
