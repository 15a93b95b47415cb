import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { describeModel } from '../core/model/model-catalog';
import type { Logger } from '../core/ports';
import { CheckpointStorage } from '../node/checkpoints/checkpoint-storage';
import { SessionRewind } from '../node/checkpoints/session-rewind';
import { JsonlTranscriptStore } from '../node/session/jsonl-transcript-store';
import type { Attachment } from '../protocol/attachment';
import { attachmentSchema } from '../protocol/attachment';
import type { ModelOption } from '../protocol/chat-state';
import type { WebviewToHostMessage } from '../protocol/webview-to-host-message';
import { codeActionsChatSetting } from './actions/action-command-ids';
import { DiagnosticsCheckingWriter } from './actions/diagnostics-checking-writer';
import type { EditorTask, EditorTaskStarter } from './actions/register-action-commands';
import { composeChatAgent } from './agent/compose-chat-agent';
import { defaultModelOf } from './agent/create-model-client';
import { Disposable } from './base/disposable';
import { CheckpointContentProvider, checkpointScheme } from './checkpoints/checkpoint-content-provider';
import { CheckpointService } from './checkpoints/checkpoint-service';
import { rewindFromPanel } from './checkpoints/panel-rewind';
import { QuickPickRestoreConfirmation } from './checkpoints/restore-confirmation';
import { ChatService } from './chat/chat-service';
import { moveToTrash } from './base/move-to-trash';
import { ChatSnapshotStore } from './chat/chat-snapshot-store';
import { ChatHistory } from './history/chat-history';
import { readHostSettings } from './config/host-settings';
import type { IdeServices } from './bridge/start-ide';
import { ideServerEntry } from './mcp/ide-server-entry';
import { McpPanel } from './mcp/mcp-panel';
import { McpService } from './mcp/mcp-service';
import type { ChatViewProvider } from './panel/chat-view-provider';
import { chatViewId } from './panel/chat-view-provider';
import { languageOf } from './panel/language-of';
import { PanelController } from './panel/panel-controller';
import { DiffPreview } from './review/diff-preview';
import type { InlineReview } from './review/inline/inline-review';
import type { ProposalFileSystem } from './review/proposal-file-system';
import { ReviewingFileWriter } from './review/reviewing-file-writer';
import type { ApiKeyStore } from './secrets/api-key-store';
import { VscodeWorkspace } from './workspace/vscode-workspace';

const anthropicModels: ModelOption[] = [
  { id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5' },
  { id: 'claude-opus-4-1', label: 'Claude Opus 4.1' },
  { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5' },
];

/** What the heavy part of the extension needs from `activate`. */
export interface TandemHostOptions {
  context: vscode.ExtensionContext;
  view: ChatViewProvider;
  proposals: ProposalFileSystem;
  keys: ApiKeyStore;
  logger: Logger;
  /** The window's IDE server (started at activation), which the agent reaches in-process as `ide`. */
  ide(): Promise<IdeServices>;
  /** The editor's hunk-by-hunk review, built at activation: every proposal shows there too. */
  review: InlineReview;
}

/**
 * Everything behind the panel, built on first use so activation stays cheap: the workspace port,
 * the chats and their agents, and the message handling.
 */
export class TandemHost extends Disposable {
  readonly chats: ChatService;
  readonly history: ChatHistory;
  readonly workspace = new VscodeWorkspace();
  readonly sessions: JsonlTranscriptStore;
  /** The window's MCP servers, shared by every chat. */
  readonly mcp: McpService;
  /** Every chat's checkpoints, in this workspace's storage beside the sessions. */
  readonly checkpointStorage: CheckpointStorage;
  readonly checkpoints: CheckpointService;
  /** Starts "Fix with Tandem" and "Explain with Tandem" tasks in the panel. */
  readonly editorTasks: EditorTaskStarter = { start: (task) => this.#startEditorTask(task) };
  readonly #controller: PanelController;
  readonly #logger: Logger;

  constructor(options: TandemHostOptions) {
    super();
    const { context, view, logger } = options;
    const storage = context.storageUri ?? context.globalStorageUri;
    const sessionsDirectory = vscode.Uri.joinPath(storage, 'sessions').fsPath;
    this.sessions = new JsonlTranscriptStore(sessionsDirectory, logger);
    this.checkpointStorage = new CheckpointStorage({
      directory: vscode.Uri.joinPath(storage, 'checkpoints').fsPath,
      maxBytes: readHostSettings().checkpointsMaxStorageMB * 1024 * 1024,
      logger,
    });
    this._register(
      vscode.workspace.registerTextDocumentContentProvider(
        checkpointScheme,
        new CheckpointContentProvider(() => this.checkpointStorage.blobs),
      ),
    );
    const snapshots = new ChatSnapshotStore(sessionsDirectory, logger);
    const isTrusted = (): boolean => vscode.workspace.isTrusted;
    this.mcp = this._register(
      new McpService({
        settings: readHostSettings,
        roots: () => this.workspace.roots,
        logger,
        version: String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0'),
        builtin: [ideServerEntry(options.ide)],
      }),
    );
    this.chats = new ChatService({
      createAgent: composeChatAgent({
        settings: readHostSettings,
        keys: options.keys,
        workspace: this.workspace,
        mcp: this.mcp,
        logger,
        sessions: this.sessions,
        distPath: vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath,
        checkpoints: () => (readHostSettings().checkpointsEnabled ? this.checkpointStorage : undefined),
      }),
      // Over the agent's checkpointing workspace when it has one; in a "Fix with Tandem" chat, each
      // accepted write is followed by the editor's verdict on it.
      createWriter: (reviewer, chat, workspace = this.workspace) =>
        new DiagnosticsCheckingWriter(new ReviewingFileWriter(workspace, reviewer), {
          targets: chat.fixTargets,
          relativePath: (path) => vscode.workspace.asRelativePath(path, false),
          onDidCheck: chat.didCheckDiagnostics,
        }),
      preview: new DiffPreview(options.proposals),
      inline: options.review,
      sessions: this.sessions,
      snapshots,
      logger,
      post: (message) => view.post(message),
      isTrusted,
      workspaceRoot: () => this.workspace.roots[0],
      languageOf,
      mode: () => readHostSettings().permissionMode,
      model: () => {
        const settings = readHostSettings();
        return settings.model || defaultModelOf(settings.provider);
      },
      models: () => modelsFor(readHostSettings().provider),
      contextWindow: (model) => describeModel(model, { provider: readHostSettings().provider }).contextWindow,
      // Menus and keybindings show Stop only while the shown chat runs (`when: tandem.busy`).
      setBusy: (busy) => void vscode.commands.executeCommand('setContext', 'tandem.busy', busy),
      activeChat: {
        get: () => context.workspaceState.get<string>('tandem.activeChat'),
        set: (id) => void context.workspaceState.update('tandem.activeChat', id),
      },
    });
    this._register({ dispose: () => this.chats.dispose() });
    const mcpPanel = this._register(new McpPanel(this.mcp, (message) => view.post(message), logger));
    this.checkpoints = new CheckpointService({
      rewind: new SessionRewind(this.sessions, this.checkpointStorage),
      workspace: this.workspace,
      confirmation: new QuickPickRestoreConfirmation(),
      chats: {
        isBusy: (chatId) => this.chats.isBusy(chatId),
        didRewind: (chatId, turn) => void this.chats.didRewind(chatId, turn.checkpointId, turn.prompt),
        open: (chatId) => void this.chats.openChat(chatId),
      },
      ask: async (message, detail, action) =>
        (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
      label: (path) => vscode.workspace.asRelativePath(path),
    });
    // Checked once in the background: what earlier windows left over the limit is pruned.
    void this.checkpointStorage.enforceLimit({ force: true });
    this.history = new ChatHistory({
      store: this.sessions,
      snapshots,
      chats: this.chats,
      removeFile: (path) => moveToTrash(vscode.Uri.file(path)),
    });
    // Titles come from the small model in the background, or from a rename: the list follows.
    this._register(
      this.sessions.onDidChangeTitle((change) => this.chats.retitle(change.sessionId, change.title)),
    );
    void this.sessions.warm();
    this.#controller = new PanelController(this.chats, this.history, view, logger, mcpPanel, (command) =>
      rewindFromPanel(command, this.chats, this.checkpoints),
    );
    this.#logger = logger;
    // Agents are built with the trust, mode and model of their time: idle ones are rebuilt
    // (resuming their transcript) when those change; a running turn finishes as it started.
    const refresh = (): void => {
      this.chats.resetIdleAgents();
      void this.chats.sendState();
    };
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(refresh));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tandem.checkpoints.maxStorageMB'))
          this.checkpointStorage.maxBytes = readHostSettings().checkpointsMaxStorageMB * 1024 * 1024;
        if (event.affectsConfiguration('tandem')) refresh();
      }),
    );
  }

  /**
   * Adds a file or selection to the shown chat's composer and reveals the view. The draft is held
   * here, so this works before the webview exists (it gets the draft when it loads). Called by the
   * "Add Selection to Tandem" and "Add File to Tandem" commands; `path` is workspace-relative.
   */
  async attach(attachment: Attachment): Promise<void> {
    const parsed = attachmentSchema.safeParse(attachment);
    if (!parsed.success) {
      this.#logger.warn(`Ignored an invalid attachment: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    this.chats.attach(parsed.data);
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  }

  /** Shows the view and starts the task; returns once it runs (its turn goes on), never waits for it. */
  async #startEditorTask(task: EditorTask): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
    const placement = vscode.workspace
      .getConfiguration()
      .get<'new' | 'current'>(codeActionsChatSetting, 'new');
    const outcome = await this.chats.startEditorTask(
      {
        message: {
          id: randomUUID(),
          text: task.message.prompt,
          attachments: [],
          context: [task.message.context],
        },
        targets: task.kind === 'fix' ? task.targets : undefined,
      },
      placement,
    );
    if (outcome.disposition === 'failed') {
      const { code, message, action } = outcome.error;
      this.chats.fail(code, message, action);
    }
  }

  /** Handles one validated webview message; failures are logged, never thrown. */
  async handle(message: WebviewToHostMessage): Promise<void> {
    try {
      await this.#controller.handle(message);
    } catch (error) {
      this.#logger.error(`handling ${message.type} failed`, error);
    }
  }
}

/** Models offered in the picker for a provider. */
export async function modelsFor(provider: string): Promise<ModelOption[]> {
  if (provider === 'anthropic') return anthropicModels;
  if (provider === 'vscode-lm') {
    const { VscodeLmClient } = await import('./lm/vscode-lm-client');
    return VscodeLmClient.available();
  }
  return [];
}
