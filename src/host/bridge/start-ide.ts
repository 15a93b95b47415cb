import type * as vscode from 'vscode';
import { z } from 'zod';
import type { Logger } from '../../core/ports';
import { IdeIntegration } from '../ide/ide-integration';
import type { ProposalFileSystem } from '../review/proposal-file-system';
import { registerCopyMcpConfigCommand } from './copy-mcp-config-command';
import { IdeBridge } from './ide-bridge';

/** The editor's MCP side of this window, as the extension holds it. */
export interface IdeServices extends vscode.Disposable {
  /** Makes IDE MCP servers; `connectInProcess()` is how Tandem's own agent reaches the tools. */
  readonly integration: IdeIntegration;
  /** The same server for agents outside the editor. */
  readonly bridge: IdeBridge;
}

const packageSchema = z.object({ version: z.string() });

/**
 * Builds the IDE integration and starts the bridge as the settings say. Resolves once the bridge
 * is listening (or stayed off); a bridge that fails to start is logged and the integration still works.
 */
export async function startIde(options: {
  context: vscode.ExtensionContext;
  proposals: ProposalFileSystem;
  logger: Logger;
}): Promise<IdeServices> {
  const { context, logger } = options;
  const parsed = packageSchema.safeParse(context.extension.packageJSON);
  const integration = new IdeIntegration({
    proposals: options.proposals,
    logger,
    version: parsed.success ? parsed.data.version : '0.0.0',
  });
  const bridge = new IdeBridge({ context, ide: integration, logger });
  const command = registerCopyMcpConfigCommand(bridge);
  await bridge.restart();
  return {
    integration,
    bridge,
    dispose: () => {
      command.dispose();
      bridge.dispose();
      integration.dispose();
    },
  };
}
