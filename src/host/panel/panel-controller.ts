import { isAbsolute, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { Attachment } from '../../protocol/attachment';
import { HostMessageType } from '../../protocol/message-type';
import type { WebviewToHostMessage } from '../../protocol/webview-to-host-message';
import type { ChatService } from '../chat/chat-service';
import type { ChatViewProvider } from './chat-view-provider';

function insideRoot(root: string, path: string): string | undefined {
  const absolute = resolve(root, path);
  const fromRoot = relative(root, absolute);
  return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? undefined : absolute;
}

function withAttachments(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  const lines = attachments.map((attachment) =>
    attachment.range
      ? `@${attachment.path}#L${attachment.range.startLine + 1}-${attachment.range.endLine}`
      : `@${attachment.path}`,
  );
  return `${text}\n\n${lines.join('\n')}`;
}

/** Turns validated webview messages into chat and editor actions. */
export class PanelController {
  constructor(
    private readonly chats: ChatService,
    private readonly view: ChatViewProvider,
    private readonly logger: Logger,
  ) {}

  async handle(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.chats.sendAll();
      case 'send-message':
        return this.chats.send(withAttachments(message.text, message.attachments), message.chatId);
      case 'stop':
        return this.chats.stop(message.chatId);
      case 'answer-permission':
        if (!this.chats.session(message.chatId)?.answerPermission(message))
          this.logger.debug(`stale permission answer ${message.requestId}`);
        return;
      case 'answer-edit':
        if (!this.chats.session(message.chatId)?.answerEdit(message))
          this.logger.debug(`stale edit answer ${message.requestId}`);
        return;
      case 'new-chat':
        this.chats.newChat();
        return;
      case 'open-chat':
        if (!this.chats.openChat(message.chatId)) this.chats.fail('not-found', 'That chat no longer exists.');
        return;
      case 'select-model':
        await vscode.workspace
          .getConfiguration('tandem')
          .update('model', message.model, vscode.ConfigurationTarget.Global);
        return this.chats.sendState();
      case 'select-mode':
        await vscode.workspace
          .getConfiguration('tandem')
          .update('permissionMode', message.mode, vscode.ConfigurationTarget.Global);
        return this.chats.sendState();
      case 'open-link':
        if (/^https?:\/\//i.test(message.url))
          await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'open-file':
        return this.#openFile(message.path, message.line);
      case 'run-action':
        await vscode.commands.executeCommand(
          message.action === 'set-api-key' ? 'tandem.setApiKey' : 'tandem.openSettings',
        );
        return;
      case 'attach-request':
        return this.#attach(message.requestId, message.kind);
    }
  }

  async #openFile(path: string, line: number | undefined): Promise<void> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const absolute = root ? insideRoot(root, path) : undefined;
    if (!absolute) {
      this.chats.fail('outside-workspace', `Not opening ${path}: it is outside the workspace.`);
      return;
    }
    const position = new vscode.Position(line ?? 0, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(absolute), {
      selection: new vscode.Range(position, position),
    });
  }

  async #attach(requestId: string, kind: 'file' | 'selection'): Promise<void> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    let attachment: Attachment | null = null;
    if (kind === 'file') {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: root ? vscode.Uri.file(root) : undefined,
      });
      const path = picked?.[0]?.fsPath;
      if (path && root && insideRoot(root, path)) attachment = { kind: 'file', path: relative(root, path) };
    } else {
      const editor = vscode.window.activeTextEditor;
      const path = editor?.document.uri.fsPath;
      if (editor && path && root && insideRoot(root, path)) {
        const { start, end } = editor.selection;
        attachment = {
          kind: 'selection',
          path: relative(root, path),
          range: { startLine: start.line, endLine: end.line + 1 },
        };
      }
    }
    this.view.post({ type: HostMessageType.AttachReply, requestId, attachment });
  }
}
