import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Logger } from '../../core/ports';
import { NodeShell } from '../../node/shell/node-shell';
import { Disposable } from '../base/disposable';
import type { ProposalFileSystem } from '../review/proposal-file-system';
import type { ExecutionApproval } from './execution/code-executor';
import type { DiffReviewer } from './review/diff-reviewer';
import { modalExecutionApproval } from './execution/modal-execution-approval';
import { VscodeCodeExecutor } from './execution/vscode-code-executor';
import type { IdeToolContext } from './ide-tool-context';
import { createIdeMcpServer } from './ide-mcp-server';
import { linkInProcess } from './in-process-ide-client';
import { registerMentionCommand } from './selection/mention-command';
import { NativeDiffReviewer } from './review/native-diff-reviewer';
import { SelectionFeed } from './selection/selection-feed';
import { VscodeIdeEditor } from './editor/vscode-ide-editor';
import { trackSelections } from './selection/vscode-selection';

/** How long one `executeCode` run may take. */
export const executeTimeoutMs = 60_000;

/** Options of {@link IdeIntegration}. */
export interface IdeIntegrationOptions {
  proposals: ProposalFileSystem;
  logger: Logger;
  /** The extension's version, sent as `serverInfo.version`. */
  version: string;
}

/** Per-client choices when making a server. */
export interface IdeServerChoices {
  /** For logs: `bridge`, `http`, `in-process`. */
  label: string;
  /** Push `selection_changed` / `at_mentioned`; default true. */
  notifications?: boolean;
  /** Who answers `executeCode`'s question; default a modal dialog. */
  approval?: ExecutionApproval;
  /** Who answers `openDiff`; default the native diff editor. */
  reviewer?: DiffReviewer;
}

/**
 * The IDE MCP server's editor side for this window: the VS Code editor port, the selection feed
 * (tracking starts here), the native diff reviewer, the code executor and the Mention Selection
 * command. Servers made by {@link createServer} share all of it; each holds its own client's state.
 */
export class IdeIntegration extends Disposable {
  readonly selections = new SelectionFeed({ debounceMs: 300 });
  readonly reviewer: NativeDiffReviewer;
  readonly #context: Omit<IdeToolContext, 'approval' | 'label'>;
  readonly #version: string;

  constructor(options: IdeIntegrationOptions) {
    super();
    this.reviewer = this._register(new NativeDiffReviewer(options.proposals));
    this._register({ dispose: () => this.selections.dispose() });
    this._register(trackSelections(this.selections));
    this._register(registerMentionCommand(this.selections));
    this.#version = options.version;
    this.#context = {
      editor: new VscodeIdeEditor(),
      selections: this.selections,
      reviewer: this.reviewer,
      executor: new VscodeCodeExecutor({ shell: new NodeShell(), timeoutMs: executeTimeoutMs }),
      logger: options.logger,
    };
  }

  /** A new server for one client; connect it to exactly one transport. */
  createServer(choices: IdeServerChoices): McpServer {
    return createIdeMcpServer({
      ...this.#context,
      ...(choices.reviewer ? { reviewer: choices.reviewer } : {}),
      approval: choices.approval ?? modalExecutionApproval,
      version: this.#version,
      label: choices.label,
      ...(choices.notifications === undefined ? {} : { notifications: choices.notifications }),
    });
  }

  /**
   * For Tandem's own agent: a fresh server connected in-process, and the client end of the linked
   * transport to hand to an MCP client (`client.connect(transport)`). Closing the client ends it.
   */
  connectInProcess(choices: Partial<IdeServerChoices> = {}): Promise<Transport> {
    return linkInProcess(this.createServer({ label: 'in-process', ...choices }));
  }
}
