import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { unifiedDiff } from '../../../core/edits/propose-file-write';
import type { IdeToolContext } from '../ide-tool-context';
import { resolveToolPath } from './tool-path';
import { textResult } from './tool-results';
import { PendingDiffs } from './pending-diffs';

const openDiffDescription =
  'Open a diff of a proposed whole-file change in the editor and wait until the person accepts or ' +
  'rejects it. Accepted: answers FILE_SAVED and the final text (the person may have edited it); ' +
  'rejected or closed: DIFF_REJECTED and the tab name. The editor never writes the file itself.';

/**
 * `openDiff`, `close_tab` and `closeAllDiffTabs` of §1.7–1.8: one blocking review per call, answered
 * by the context's {@link DiffReviewer}; this client's waiting diffs settle as rejected when it closes
 * their tab, closes all diff tabs, or leaves.
 */
export function registerDiffTools(server: McpServer, context: IdeToolContext): void {
  const pending = new PendingDiffs();
  const { editor, reviewer, logger } = context;

  server.registerTool(
    'openDiff',
    {
      description: openDiffDescription,
      inputSchema: {
        old_file_path: z.string().describe('Absolute path of the file as it is now'),
        new_file_path: z.string().describe('Absolute path of the file after the change'),
        new_file_contents: z.string().describe('The entire proposed content of the file'),
        tab_name: z.string().describe('Title of the diff tab; close_tab names it'),
      },
    },
    async (input, extra) => {
      const folders = editor.workspaceFolders();
      const path = resolveToolPath(input.new_file_path, folders);
      const before = await editor.readDiskText(resolveToolPath(input.old_file_path, folders));
      const controller = new AbortController();
      const review = reviewer.review(
        {
          toolUseId: input.tab_name,
          path,
          before,
          after: input.new_file_contents,
          diff: unifiedDiff(path, before, input.new_file_contents),
          title: input.tab_name,
        },
        AbortSignal.any([extra.signal, controller.signal]),
      );
      pending.track(input.tab_name, controller, review);
      const answer = await review;
      if (answer.kind === 'reject') return rejected(input.tab_name);
      const text = answer.kind === 'accept-modified' ? answer.content : input.new_file_contents;
      // The CLI reads an accepted text equal to the disk content as a denial.
      if (text === before) logger.warn(`openDiff: accepted ${path} unchanged; the client will see a denial`);
      return { content: [textBlock('FILE_SAVED'), textBlock(text)] };
    },
  );

  server.registerTool(
    'close_tab',
    {
      description: 'Close the diff tab with this name; a diff still waiting is rejected. Answers TAB_CLOSED.',
      inputSchema: { tab_name: z.string().describe('The tab_name given to openDiff') },
    },
    async ({ tab_name }) => {
      await pending.abort(tab_name);
      await editor.closeDiffTabs(tab_name);
      return textResult('TAB_CLOSED');
    },
  );

  server.registerTool(
    'closeAllDiffTabs',
    {
      description:
        'Close every diff tab this server opened (waiting diffs are rejected); other diffs stay open.',
      inputSchema: {},
    },
    async () => {
      // A settled review has closed its own tab; what is left are tabs of reviews already answered.
      const settled = await pending.abort();
      const closed = await editor.closeDiffTabs();
      return textResult(`CLOSED_${settled + closed}_DIFF_TABS`);
    },
  );
}

function textBlock(text: string): { type: 'text'; text: string } {
  return { type: 'text', text };
}

function rejected(tabName: string): { content: { type: 'text'; text: string }[] } {
  return { content: [textBlock('DIFF_REJECTED'), textBlock(tabName)] };
}
