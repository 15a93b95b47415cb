import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { IdeToolContext } from './ide-tool-context';
import { ideConnectedNotificationSchema, ideNotificationMethods } from './ide-notifications';
import type { Scheduler } from './selection/selection-feed';
import { timerScheduler } from './selection/selection-feed';
import { registerDiagnosticsTool } from './tools/diagnostics-tool';
import { registerDiffTools } from './tools/diff-tools';
import { registerDocumentTools } from './tools/document-tools';
import { registerExecuteCodeTool } from './tools/execute-code-tool';
import { registerOpenFileTool } from './tools/open-file-tool';
import { registerSelectionTools } from './tools/selection-tools';
import { registerWorkspaceTools } from './tools/workspace-tools';

/** `serverInfo.name`; never "Claude Code JetBrains Plugin", which the CLI special-cases. */
export const ideServerName = 'Tandem IDE MCP';

/** Options of {@link createIdeMcpServer}: the shared context plus what differs per client. */
export interface IdeMcpServerOptions extends IdeToolContext {
  /** `serverInfo.version`. */
  version: string;
  /**
   * Push `selection_changed` and `at_mentioned` (the IDE protocol). Default true; plain MCP clients
   * have no use for them.
   */
  notifications?: boolean;
  /** Wait before the first selection push, in ms: the CLI drops earlier ones. Default 500. */
  firstSelectionDelayMs?: number;
  schedule?: Scheduler;
}

/**
 * One MCP server with the twelve IDE tools of §1.7, for one client: connect it to exactly one
 * transport. Make one per connection; the context (editor, selection feed, reviewer, executor) is
 * shared. Protocol-version negotiation, `ping` and error shapes are the SDK's.
 */
export function createIdeMcpServer(options: IdeMcpServerOptions): McpServer {
  const server = new McpServer(
    { name: ideServerName, version: options.version },
    { capabilities: { tools: { listChanged: true } } },
  );
  registerOpenFileTool(server, options);
  registerDiffTools(server, options);
  registerDiagnosticsTool(server, options);
  registerSelectionTools(server, options);
  registerWorkspaceTools(server, options);
  registerDocumentTools(server, options);
  registerExecuteCodeTool(server, options);
  announceToClient(server, options);
  return server;
}

function announceToClient(server: McpServer, options: IdeMcpServerOptions): void {
  const { logger, selections, label } = options;
  const schedule = options.schedule ?? timerScheduler;
  const cleanups: (() => void)[] = [];
  const notify = (method: string, params: Record<string, unknown>): void => {
    server.server.notification({ method, params }).catch((error: unknown) => {
      logger.debug(`ide (${label}): ${method} not delivered`, error);
    });
  };
  server.server.setNotificationHandler(ideConnectedNotificationSchema, (notification) => {
    logger.info(`ide (${label}): client connected, pid ${String(notification.params?.pid ?? 'unknown')}`);
  });
  server.server.oninitialized = () => {
    const client = server.server.getClientVersion();
    logger.info(`ide (${label}): initialized by ${client?.name ?? 'a client'} ${client?.version ?? ''}`);
    if (options.notifications === false) return;
    cleanups.push(
      schedule(() => {
        const latest = selections.latest;
        if (latest) notify(ideNotificationMethods.selectionChanged, { ...latest });
        cleanups.push(
          selections.onDidChangeSelection((selection) =>
            notify(ideNotificationMethods.selectionChanged, { ...selection }),
          ),
        );
      }, options.firstSelectionDelayMs ?? 500),
      selections.onDidMention((mention) => notify(ideNotificationMethods.atMentioned, { ...mention })),
    );
  };
  server.server.onclose = () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    logger.info(`ide (${label}): client left`);
  };
}
