import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { RewindCommand } from '../../protocol/checkpoint-events';
import type { SendMessageRequest } from '../../protocol/composer-commands';
import { HostMessageType } from '../../protocol/message-type';
import type { WebviewToHostMessage } from '../../protocol/webview-to-host-message';
import type { ChatService } from '../chat/chat-service';
import type { McpPanel } from '../mcp/mcp-panel';
import type { ChatHistory } from '../history/chat-history';
import { deleteChat, exportChat } from '../history/history-commands';
import type { ChatViewProvider } from './chat-view-provider';
import { insideRoot, pickAttachment } from './pick-attachment';

/** Turns validated webview messages into chat and editor actions; requests get their replies here. */
export class PanelController {
  /** The conversation search in flight; a newer one aborts it. */
  #search: AbortController | undefined;

  constructor(
    private readonly chats: ChatService,
    private readonly history: ChatHistory,
    private readonly view: ChatViewProvider,
    private readonly logger: Logger,
    private readonly mcp: McpPanel,
    /** Rewinds asked from a user row; absent when checkpoints are not available. */
    private readonly rewind?: (command: RewindCommand) => Promise<void>,
  ) {}

  async handle(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const startedAt = performance.now();
        await this.chats.sendAll();
        await this.mcp.send();
        this.logger.info(
          `Panel state sent to the webview in ${Math.round(performance.now() - startedAt)} ms`,
        );
        return;
      }
      case 'send-message':
        return this.#send(message);
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
      case 'answer-all-edits':
        this.chats.session(message.chatId)?.answerAllEdits(message.answer);
        return;
      case 'review-in-editor':
        if (!(await this.chats.session(message.chatId)?.reviewInEditor(message.requestId)))
          this.chats.fail('not-in-editor', 'That edit is no longer waiting in the editor.');
        return;
      case 'change-draft':
        return this.chats.session(message.chatId)?.changeDraftText(message.text);
      case 'attach': {
        const attachment = await pickAttachment(message.kind);
        if (attachment) this.chats.attach(attachment, message.chatId);
        else if (message.kind === 'selection')
          this.chats.fail(
            'no-selection',
            'Nothing to attach: open a file of this workspace and select some lines.',
          );
        return;
      }
      case 'remove-attachment':
        return this.chats.session(message.chatId)?.removeAttachment(message.attachment);
      case 'change-queued-message': {
        const session = this.chats.session(message.chatId);
        const change =
          message.action === 'edit'
            ? { action: 'edit' as const, text: message.text ?? '' }
            : { action: 'remove' as const };
        const error = session
          ? session.changeQueued(message.messageId, change)
          : { code: 'unknown-chat', message: 'That chat no longer exists.' };
        this.view.post({
          type: HostMessageType.ChangeQueuedMessageReply,
          requestId: message.requestId,
          chatId: message.chatId,
          ...(error ? { error } : {}),
        });
        return;
      }
      case 'send-queued':
        return this.chats.session(message.chatId)?.sendQueued();
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
      case 'mcp-server':
        return this.mcp.run(message);
      case 'rewind':
        if (this.rewind) await this.rewind(message);
        else this.chats.fail('no-checkpoint', 'Checkpoints are not available here.');
        return;
      case 'run-action':
        await vscode.commands.executeCommand(
          message.action === 'set-api-key' ? 'tandem.setApiKey' : 'tandem.openSettings',
        );
        return;
      case 'search-chats':
        return this.#searchChats(message.requestId, message.query);
      case 'rename-chat': {
        const outcome = this.history.rename(message.chatId, message.title);
        if (!outcome.ok) this.chats.fail('rename-failed', outcome.message);
        return;
      }
      case 'delete-chat':
        return deleteChat(this.history, message.chatId);
      case 'export-chat':
        return exportChat(this.history, message.chatId);
      case 'show-memory':
        await vscode.commands.executeCommand('tandem.showMemory');
        return;
    }
  }

  /** Answers with the chats whose title or conversation matches; an answer to a superseded search is not sent. */
  async #searchChats(requestId: string, query: string): Promise<void> {
    this.#search?.abort();
    const search = new AbortController();
    this.#search = search;
    const found = await this.history.search(query, { signal: search.signal });
    if (search.signal.aborted) return;
    const matches = found.map((match) => ({ chatId: match.chat.id, snippet: match.snippet ?? null }));
    this.view.post({ type: HostMessageType.SearchChatsReply, requestId, matches });
  }

  /** Replies once the message is in the conversation or the queue, or with why it is not. */
  async #send(message: SendMessageRequest): Promise<void> {
    const { requestId, chatId, text, attachments } = message;
    const outcome = await this.chats.send({ id: requestId, text, attachments }, chatId);
    this.view.post({
      type: HostMessageType.SendMessageReply,
      requestId,
      chatId,
      disposition: outcome.disposition,
      ...(outcome.disposition === 'failed' ? { error: outcome.error } : {}),
    });
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
}
