import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { HostToWebviewMessage } from '../../protocol/host-to-webview-message';
import type { WebviewToHostMessage } from '../../protocol/webview-to-host-message';
import { webviewToHostMessageSchema } from '../../protocol/webview-to-host-message';
import { Disposable } from '../base/disposable';
import { createNonce, webviewHtml } from './webview-html';

/** The view id contributed in package.json. */
export const chatViewId = 'tandem.chat';

/**
 * The Tandem webview view. Holds no chat state: a hidden or reloaded webview says `ready` and the
 * host sends everything again, so `retainContextWhenHidden` is not needed. Every incoming message
 * is validated; an invalid one is logged and dropped.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  #view: vscode.WebviewView | undefined;
  /** When the current webview was created, until it said `ready` (for the log: how long a reload takes). */
  #resolvedAt: number | undefined;
  readonly #onDidReceiveMessage = this._register(new vscode.EventEmitter<WebviewToHostMessage>());
  /** Valid messages from the webview. */
  readonly onDidReceiveMessage = this.#onDidReceiveMessage.event;
  readonly #onDidResolve = this._register(new vscode.EventEmitter<vscode.WebviewView>());
  readonly onDidResolve = this.#onDidResolve.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
  ) {
    super();
  }

  get view(): vscode.WebviewView | undefined {
    return this.#view;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.#view = view;
    this.#resolvedAt = performance.now();
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = webviewHtml({
      webview: view.webview,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.js')),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.css')),
      nonce: createNonce(),
    });
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => this.#receive(raw));
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.#view === view) this.#view = undefined;
    });
    this.#onDidResolve.fire(view);
  }

  /** Posts when a webview is there; a hidden one gets everything again on `ready`. */
  post(message: HostToWebviewMessage): void {
    void this.#view?.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.logger.debug('postMessage failed', error);
    });
  }

  #receive(raw: unknown): void {
    const parsed = webviewToHostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String(raw.type) : typeof raw;
      this.logger.warn(
        `Ignored an invalid message from the webview (type ${type}): ${parsed.error.issues[0]?.message ?? ''}`,
      );
      return;
    }
    if (parsed.data.type === 'ready' && this.#resolvedAt !== undefined) {
      this.logger.info(
        `Webview ready ${Math.round(performance.now() - this.#resolvedAt)} ms after it was created`,
      );
      this.#resolvedAt = undefined;
    }
    this.#onDidReceiveMessage.fire(parsed.data);
  }
}
