import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import { chatViewId } from '../panel/chat-view-provider';
import { ProposalFileSystem } from '../review/proposal-file-system';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { setApiKeyInteractive } from '../secrets/api-key-store';
import type { TandemHost } from '../tandem-host';
import { addFile, addSelection } from './attachment-commands';

/** The command ids contributed in package.json. */
export const commandIds = {
  newChat: 'tandem.newChat',
  focusChat: 'tandem.focusChat',
  stop: 'tandem.stop',
  showHistory: 'tandem.showHistory',
  setApiKey: 'tandem.setApiKey',
  selectModel: 'tandem.selectModel',
  openSettings: 'tandem.openSettings',
  acceptProposal: 'tandem.acceptProposal',
  rejectProposal: 'tandem.rejectProposal',
  addSelection: 'tandem.addSelection',
  addFile: 'tandem.addFile',
} as const;

/** The proposal shown in the active diff editor, when the command came without a resource. */
function activeProposal(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
}

/**
 * Registers every Tandem command; the host is loaded only when a command needs it. `answerIdeDiff`
 * answers proposals opened for an outside agent's `openDiff` (false: not one of those).
 */
export function registerCommands(options: {
  host(): Promise<TandemHost>;
  keys: ApiKeyStore;
  logger: Logger;
  answerIdeDiff(requestId: string, answer: 'accept' | 'reject'): boolean;
}): vscode.Disposable[] {
  const { host, keys, logger, answerIdeDiff } = options;
  const focus = async (): Promise<void> => {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  };
  return [
    vscode.commands.registerCommand(commandIds.focusChat, focus),
    vscode.commands.registerCommand(commandIds.newChat, async () => {
      await focus();
      (await host()).chats.newChat();
    }),
    vscode.commands.registerCommand(commandIds.stop, async () => (await host()).chats.stop()),
    vscode.commands.registerCommand(commandIds.showHistory, async () => {
      const { chats } = await host();
      const picked = await vscode.window.showQuickPick(
        chats.listChats().map((chat) => ({
          label: chat.title,
          description: `${chat.busy ? '$(sync~spin) ' : ''}${new Date(chat.updatedAt).toLocaleString()}`,
          id: chat.id,
        })),
        { title: 'Tandem: Chats', placeHolder: 'Open a chat' },
      );
      if (!picked) return;
      await focus();
      chats.openChat(picked.id);
    }),
    vscode.commands.registerCommand(commandIds.setApiKey, async () => {
      const result = await setApiKeyInteractive(keys);
      if (result.kind === 'cancelled') return;
      logger.info(`API key ${result.kind} for ${result.provider}`);
      void vscode.window.showInformationMessage(
        result.kind === 'stored'
          ? `Tandem: ${result.provider} API key stored.`
          : `Tandem: ${result.provider} API key removed.`,
      );
    }),
    vscode.commands.registerCommand(commandIds.selectModel, async () => {
      const { modelsFor } = await import('../tandem-host');
      const { readHostSettings } = await import('../config/host-settings');
      const models = await modelsFor(readHostSettings().provider);
      const picked = await vscode.window.showQuickPick(
        models.map((model) => ({ label: model.label, description: model.id, id: model.id })),
        { title: 'Tandem: Select Model', placeHolder: 'Model for new turns' },
      );
      if (picked)
        await vscode.workspace
          .getConfiguration('tandem')
          .update('model', picked.id, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand(commandIds.acceptProposal, async (resource?: vscode.Uri) => {
      const uri = resource ?? activeProposal();
      const requestId = uri && ProposalFileSystem.requestIdOf(uri);
      if (!uri || !requestId) return;
      // Accepting from the editor takes the person's unsaved changes too.
      const document = vscode.workspace.textDocuments.find(
        (candidate) => candidate.uri.toString() === uri.toString(),
      );
      if (document?.isDirty) await document.save();
      if (answerIdeDiff(requestId, 'accept')) return;
      if (!(await host()).chats.answerEdit(requestId, 'accept')) {
        void vscode.window.showWarningMessage('Tandem: this proposal is no longer waiting for review.');
      }
    }),
    vscode.commands.registerCommand(commandIds.rejectProposal, async (resource?: vscode.Uri) => {
      const requestId = ProposalFileSystem.requestIdOf(resource ?? activeProposal() ?? vscode.Uri.file('/'));
      if (requestId && !answerIdeDiff(requestId, 'reject'))
        (await host()).chats.answerEdit(requestId, 'reject');
    }),
    vscode.commands.registerCommand(commandIds.openSettings, async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:tandem-dev.tandem');
    }),
    vscode.commands.registerCommand(commandIds.addSelection, () => addSelection(host)),
    vscode.commands.registerCommand(commandIds.addFile, (resource?: unknown, selected?: unknown) =>
      addFile(host, resource, selected),
    ),
  ];
}
