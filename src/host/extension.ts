import * as vscode from 'vscode';

/** Set by the bundle's footer (esbuild.mjs): how long evaluating the whole bundle took, in ms. */
function bundleEvaluateMs(): number {
  const value = (globalThis as { __tandemBundleEvaluateMs?: unknown }).__tandemBundleEvaluateMs;
  return typeof value === 'number' ? value : 0;
}
import { Disposable } from './base/disposable';
import { outputLogger } from './base/output-logger';
import type { IdeServices } from './bridge/start-ide';
import { registerCommands } from './commands/register-commands';
import { ChatViewProvider, chatViewId } from './panel/chat-view-provider';
import { registerActionCommands } from './actions/register-action-commands';
import { TandemCodeActions } from './actions/tandem-code-actions';
import { InlineReview } from './review/inline/inline-review';
import { InlineReviewUi } from './review/inline/inline-review-ui';
import { ProposalFileSystem, proposalScheme } from './review/proposal-file-system';
import type { ApiKeyPrompts } from './secrets/api-key-store';
import { ApiKeyStore, setApiKeyInteractive } from './secrets/api-key-store';
import type { TandemHost } from './tandem-host';
import { VscodeWorkspace } from './workspace/vscode-workspace';

/** What `activate` returns: used by the integration tests, stable enough for other extensions. */
export interface TandemApi {
  /** The panel, chats and agents; built on first call. */
  host(): Promise<TandemHost>;
  keys: ApiKeyStore;
  /** The "Set API Key" flow with injectable prompts. */
  setApiKey(prompts?: ApiKeyPrompts): ReturnType<typeof setApiKeyInteractive>;
  view: ChatViewProvider;
  /** Proposals reviewed in the editor, hunk by hunk, and what the person sees of them. */
  review: InlineReview;
  reviewUi: InlineReviewUi;
  /**
   * The IDE MCP server and its bridge, started right after activation. Tandem's own agent connects
   * with `(await api.ide()).integration.connectInProcess()`; `bridge.status` has ports and tokens.
   */
  ide(): Promise<IdeServices>;
  /**
   * In ms: evaluating the bundle (0 when not bundled), running `activate`, and from activation until
   * the IDE bridge listened (set once it did).
   */
  activation: { evaluateMs: number; activateMs: number; ideReadyMs?: number };
}

class TandemExtension extends Disposable {
  readonly api: TandemApi;

  constructor(context: vscode.ExtensionContext) {
    super();
    const channel = this._register(vscode.window.createOutputChannel('Tandem', { log: true }));
    const logger = outputLogger(channel);
    const keys = new ApiKeyStore(context.secrets);
    const view = this._register(new ChatViewProvider(context.extensionUri, logger));
    this._register(vscode.window.registerWebviewViewProvider(chatViewId, view));
    const proposals = new ProposalFileSystem();
    this._register(proposals);
    this._register(
      vscode.workspace.registerFileSystemProvider(proposalScheme, proposals, { isCaseSensitive: true }),
    );
    // Built at activation: its commands, CodeLens and Pending changes view are contributed statically.
    const review = this._register(new InlineReview(new VscodeWorkspace()));
    const reviewUi = this._register(new InlineReviewUi(review));
    // Reads only what the editor hands it, so registering it for every file costs the lightbulb nothing.
    this._register(
      vscode.languages.registerCodeActionsProvider(
        { scheme: 'file' },
        new TandemCodeActions(),
        TandemCodeActions.metadata,
      ),
    );
    // Started after activate() returns, so activation stays cheap, yet without waiting for the panel:
    // a `claude` started in a terminal must find the lock file.
    let ide: IdeServices | undefined;
    const constructedAt = performance.now();
    const ideReady = import('./bridge/start-ide').then(async ({ startIde }) => {
      ide = await startIde({ context, proposals, logger });
      this.api.activation.ideReadyMs = performance.now() - constructedAt;
      return ide;
    });
    ideReady.catch((error: unknown) => logger.error('the IDE MCP server did not start', error));
    this._register({
      dispose: () =>
        ide
          ? ide.dispose()
          : void ideReady.then(
              (late) => late.dispose(),
              () => undefined,
            ),
    });
    let host: Promise<TandemHost> | undefined;
    const loadHost = (): Promise<TandemHost> => {
      // The agent, providers and panel logic load on first use, keeping activation cheap.
      const startedAt = performance.now();
      host ??= import('./tandem-host').then(({ TandemHost }) => {
        const loaded = this._register(
          new TandemHost({ context, view, proposals, keys, logger, review, ide: () => ideReady }),
        );
        logger.info(`Chats loaded in ${Math.round(performance.now() - startedAt)} ms`);
        return loaded;
      });
      return host;
    };
    for (const command of registerActionCommands(async () => (await loadHost()).editorTasks)) {
      this._register(command);
    }
    // Subscribed here, not in the lazily built host, so the webview's first `ready` is never lost;
    // every message waits for the same host promise, so their order is kept.
    this._register(
      view.onDidReceiveMessage((message) => void loadHost().then((loaded) => loaded.handle(message))),
    );
    const showLog = (): void => channel.show(true);
    const answerIdeDiff = (requestId: string, answer: 'accept' | 'reject'): boolean =>
      ide?.integration.reviewer.answer(requestId, answer) ?? false;
    for (const command of registerCommands({ host: loadHost, keys, logger, answerIdeDiff, showLog }))
      this._register(command);
    this.api = {
      host: loadHost,
      ide: () => ideReady,
      keys,
      setApiKey: (prompts) => setApiKeyInteractive(keys, prompts),
      view,
      review,
      reviewUi,
      activation: { evaluateMs: 0, activateMs: 0 },
    };
    logger.info(
      `Tandem activated (VS Code ${vscode.version}, trusted: ${String(vscode.workspace.isTrusted)})`,
    );
  }
}

let extension: TandemExtension | undefined;

/** Activation: registers the view, the commands and the proposal file system; nothing heavy. */
export function activate(context: vscode.ExtensionContext): TandemApi {
  const startedAt = performance.now();
  extension = new TandemExtension(context);
  context.subscriptions.push(extension);
  extension.api.activation = { evaluateMs: bundleEvaluateMs(), activateMs: performance.now() - startedAt };
  return extension.api;
}

/** Stops running turns and releases everything. */
export function deactivate(): void {
  extension?.dispose();
  extension = undefined;
}
