import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { describeModel } from '../core/model/model-catalog';
import type { Logger } from '../core/ports';
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
import { ChatService } from './chat/chat-service';
import { ChatSnapshotStore } from './chat/chat-snapshot-store';
import { readHostSettings } from './config/host-settings';
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
  /** The editor's hunk-by-hunk review, built at activation: every proposal shows there too. */
  review: InlineReview;
}

/**
 * Everything behind the panel, built on first use so activation stays cheap: the workspace port,
 * the chats and their agents, and the message handling.
 */
export class TandemHost extends Disposable {
  readonly chats: ChatService;
  readonly workspace = new VscodeWorkspace();
  readonly sessions: JsonlTranscriptStore;
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
    const isTrusted = (): boolean => vscode.workspace.isTrusted;
    this.chats = new ChatService({
      createAgent: composeChatAgent({
        settings: readHostSettings,
        keys: options.keys,
        workspace: this.workspace,
        logger,
        sessionsDirectory,
        distPath: vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath,
      }),
      // In a "Fix with Tandem" chat, each accepted write is followed by the editor's verdict on it.
      createWriter: (reviewer, chat) =>
        new DiagnosticsCheckingWriter(new ReviewingFileWriter(this.workspace, reviewer), {
          targets: chat.fixTargets,
          relativePath: (path) => vscode.workspace.asRelativePath(path, false),
          onDidCheck: chat.didCheckDiagnostics,
        }),
      preview: new DiffPreview(options.proposals),
      inline: options.review,
      sessions: this.sessions,
      snapshots: new ChatSnapshotStore(sessionsDirectory, logger),
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
    this.#controller = new PanelController(this.chats, view, logger);
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
