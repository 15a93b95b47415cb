import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { memoryIndexName } from '../../core/memory/memory-path';
import { projectRootOf } from '../../node/agent/prompt-environment';
import { locateMemory } from '../../node/memory/memory-location';
import { NodeMemoryFolder } from '../../node/memory/node-memory-folder';
import { moveToTrash } from '../base/move-to-trash';
import { readHostSettings } from '../config/host-settings';

interface MemoryItem extends vscode.QuickPickItem {
  path?: string;
  action?: 'reveal' | 'create-index';
}

const deleteButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this memory' };

/**
 * `Show Memory…`: the files the agent keeps for this project (MEMORY.md first). Picking one opens
 * it in an editor to read or change; the trash button deletes it (to the OS trash). The folder is
 * found as the agent finds it, so what is shown is what the next session loads.
 */
export async function showMemory(workspaceRoot: string | undefined): Promise<void> {
  if (workspaceRoot === undefined) {
    void vscode.window.showInformationMessage('Tandem: open a folder first: memory is kept per project.');
    return;
  }
  const location = await locateMemory({
    projectRoot: await projectRootOf(workspaceRoot),
    homeDir: homedir(),
    env: process.env,
  });
  if (!location.enabled) {
    void vscode.window.showInformationMessage(
      'Tandem: auto-memory is turned off by autoMemoryEnabled in your settings.',
    );
    return;
  }
  const folder = new NodeMemoryFolder(location.location);
  const picker = vscode.window.createQuickPick<MemoryItem>();
  picker.title = 'Tandem: Memory';
  picker.placeholder = readHostSettings().autoMemory
    ? `Kept in ${location.location}`
    : `Auto-memory is off (tandem.autoMemory); saved notes in ${location.location}`;
  const refresh = async (): Promise<void> => {
    const files = await folder.list();
    const items: MemoryItem[] = files.map((file) => ({
      label: file.path,
      description: `${file.size.toLocaleString()} bytes · ${new Date(file.mtimeMs).toLocaleString()}`,
      ...(file.path === memoryIndexName ? { detail: 'The index: part of every prompt' } : {}),
      path: file.path,
      buttons: [deleteButton],
    }));
    if (!files.some((file) => file.path === memoryIndexName))
      items.unshift({
        label: `$(new-file) Create ${memoryIndexName}`,
        action: 'create-index',
        alwaysShow: true,
      });
    if (vscode.env.remoteName === undefined)
      items.push({ label: '$(folder-opened) Reveal the memory folder', action: 'reveal', alwaysShow: true });
    picker.items = items;
  };
  picker.onDidTriggerItemButton(async ({ item }) => {
    if (item.path === undefined) return;
    const confirmed = await vscode.window.showWarningMessage(
      `Delete the memory ${item.path}?`,
      {
        modal: true,
        detail: 'It goes to the trash, where the system has one; new sessions no longer see it.',
      },
      'Delete',
    );
    if (confirmed !== 'Delete') return;
    await moveToTrash(vscode.Uri.file(`${location.location}/${item.path}`));
    await refresh();
  });
  picker.onDidAccept(async () => {
    const chosen = picker.selectedItems[0];
    picker.hide();
    if (chosen?.action === 'reveal') {
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(location.location));
      return;
    }
    if (chosen?.action === 'create-index') await folder.write(memoryIndexName, '');
    const path = chosen?.path ?? (chosen?.action === 'create-index' ? memoryIndexName : undefined);
    if (path === undefined) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(`${location.location}/${path}`));
    await vscode.window.showTextDocument(document, { preview: false });
  });
  picker.onDidHide(() => picker.dispose());
  await refresh();
  picker.show();
}
