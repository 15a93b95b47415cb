import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PendingEdit } from '../../core/ports';
import type { EditPreview } from '../chat/edit-reviews';
import { ProposalFileSystem, proposalScheme } from './proposal-file-system';

/**
 * Edit previews in the native diff editor: the file on the left, the proposal on the right as an
 * editable `tandem-proposal:` document. What the person typed there, saved or not, is what Accept writes.
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
      text: () => this.#currentText(right),
      dispose: () => {
        void (async () => {
          // Save unsaved edits first, so closing the tab neither prompts nor leaves a dirty editor
          // that a reload would try to save into a proposal that no longer exists.
          await this.#document(right)
            ?.save()
            .then(undefined, () => false);
          await this.#closeTabs(right);
          this.proposals.drop(right);
          if (edit.before === undefined) this.proposals.drop(left);
        })();
      },
    };
  }

  /** What the person sees on the right, unsaved typing included; else the proposal as saved. */
  #currentText(uri: vscode.Uri): string | undefined {
    const document = this.#document(uri);
    return document?.isDirty ? document.getText() : this.proposals.text(uri);
  }

  #document(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
  }

  async #closeTabs(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) =>
          (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key) ||
          (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
      );
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }
}
