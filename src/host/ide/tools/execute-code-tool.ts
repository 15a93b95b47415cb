import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { IdeToolContext } from '../ide-tool-context';
import { errorResult } from './tool-results';

const description = [
  'Run code and return its output (text, and images from a notebook).',
  "When a Jupyter notebook is active, the code runs in that notebook's kernel as a new cell, so",
  'state persists between calls as it does between cells. Otherwise it runs once as a script in the',
  "workspace folder, with the runtime of the active editor's language: Python, JavaScript (Node) or",
  'shell; a first line such as `#!/usr/bin/env python3` picks the runtime explicitly.',
  'The person is asked before every run and may decline. Avoid side effects unless asked for them.',
].join(' ');

/** Sent when the person said no: the model should not retry without asking. */
export const executionDeclinedMessage = 'The person declined to run this code.';

/**
 * `executeCode` (§1.7 #12). The order is the contract: decide where the code would run, ask the
 * person (always), and only then run it. Output blocks are text and PNG images.
 */
export function registerExecuteCodeTool(server: McpServer, context: IdeToolContext): void {
  const { executor, approval, logger } = context;
  server.registerTool(
    'executeCode',
    {
      description,
      inputSchema: { code: z.string().describe('The code to run') },
      annotations: { destructiveHint: true, openWorldHint: true },
    },
    async ({ code }, extra): Promise<CallToolResult> => {
      const planned = executor.plan(code);
      if (!planned.ok) return errorResult(planned.message);
      const { plan } = planned;
      const client = server.server.getClientVersion()?.name ?? context.label;
      if (!(await approval.confirm({ code, plan, client }, extra.signal))) {
        return errorResult(executionDeclinedMessage);
      }
      logger.info(`executeCode: running ${plan.language} in ${plan.where}`);
      const result = await executor.run(code, plan, extra.signal);
      const output =
        result.output.length > 0 ? result.output : [{ type: 'text' as const, text: '(no output)' }];
      return { content: output, ...(result.failed ? { isError: true } : {}) };
    },
  );
}
