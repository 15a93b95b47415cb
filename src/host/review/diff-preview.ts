import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PendingEdit } from '../../core/ports';
import type { EditPreview } from '../chat/chat-questions';
import { ProposalFileSystem, proposalScheme } from './proposal-file-system';

/**
 * Edit previews in the native diff editor: the file on the left, the proposal on the right as an
 * editable `tandem-proposal:` document. Saving there changes what Accept writes.
 */
export class DiffPreview implements EditPreview {
  constructor(
    private readonly proposals: ProposalFileSystem,
    private readonly scheme: string = proposalScheme,
  ) {}

  open(
    requestId: string,
    edit: PendingEdit,
  ): { show(): Promise<void>; text(): string | undefined; dispose(): void } {
    const name = basename(edit.path);
    const right = ProposalFileSystem.uriFor(requestId, name, this.scheme);
    this.proposals.set(right, edit.after ?? '');
    const left =
      edit.before === undefined
        ? ProposalFileSystem.uriFor(`${requestId}-empty`, name, this.scheme)
        : vscode.Uri.file(edit.path);
    if (edit.before === undefined) this.proposals.set(left, '');
    return {
      show: async () => {
        await vscode.commands.executeCommand(
          'vscode.diff',
          left,
          right,
          `${name} ↔ Tandem's proposal (editable)`,
          {
            preview: false,
          },
        );
      },
      text: () => this.#savedText(right),
      dispose: () => {
        void this.#closeTabs(right);
        this.proposals.drop(right);
        if (edit.before === undefined) this.proposals.drop(left);
      },
    };
  }

  #savedText(uri: vscode.Uri): string | undefined {
    return this.proposals.text(uri);
  }

  async #closeTabs(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }
}
