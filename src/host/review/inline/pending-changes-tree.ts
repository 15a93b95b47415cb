import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { InlineReview, PendingFileView, PendingHunkView } from './inline-review';
import { hunkMarkdown, hunkTitle } from './proposed-text';
import { reviewCommandIds } from './review-command-ids';

/** A row of the Pending changes view: a file, or one of its hunks. */
export type PendingNode = { kind: 'file'; file: PendingFileView } | { kind: 'hunk'; hunk: PendingHunkView };

function summary(hunk: PendingHunkView): string {
  const first = hunk.added.find((line) => line.trim() !== '')?.trim();
  if (first !== undefined) return first.length > 60 ? `${first.slice(0, 60)}…` : first;
  return `delete ${hunk.removed.length} line${hunk.removed.length === 1 ? '' : 's'}`;
}

function iconOf(hunk: PendingHunkView): vscode.ThemeIcon {
  if (hunk.conflict) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (hunk.removed.length === 0) return new vscode.ThemeIcon('diff-added');
  return new vscode.ThemeIcon(hunk.added.length === 0 ? 'diff-removed' : 'diff-modified');
}

/** The "Pending changes" view: every file with changes waiting for review, and their hunks; a click reveals one. */
export class PendingChangesTree implements vscode.TreeDataProvider<PendingNode> {
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.#onDidChange.event;

  constructor(private readonly review: InlineReview) {}

  refresh(): void {
    this.#onDidChange.fire();
  }

  getChildren(node?: PendingNode): PendingNode[] {
    if (!node) return this.review.files().map((file) => ({ kind: 'file', file }));
    if (node.kind === 'file') return node.file.hunks.map((hunk) => ({ kind: 'hunk', hunk }));
    return [];
  }

  getTreeItem(node: PendingNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const { uri, hunks } = node.file;
      const item = new vscode.TreeItem(basename(uri.fsPath), vscode.TreeItemCollapsibleState.Expanded);
      item.id = uri.toString();
      item.resourceUri = uri;
      const folder = vscode.workspace.asRelativePath(dirname(uri.fsPath), false);
      item.description = `${folder === dirname(uri.fsPath) ? folder : folder || '.'} · ${hunks.length} pending`;
      item.contextValue = 'tandem.pendingFile';
      item.accessibilityInformation = { label: `${basename(uri.fsPath)}, ${hunks.length} pending changes` };
      return item;
    }
    const { hunk } = node;
    const item = new vscode.TreeItem(summary(hunk), vscode.TreeItemCollapsibleState.None);
    item.id = `${hunk.uri}#${hunk.proposalId}#${hunk.index}`;
    item.description = `line ${hunk.start + 1} · ${hunkTitle(hunk)}`;
    item.tooltip = hunkMarkdown(hunk, hunkTitle(hunk));
    item.iconPath = iconOf(hunk);
    item.contextValue = hunk.conflict ? 'tandem.pendingHunk.conflict' : 'tandem.pendingHunk';
    item.command = { command: reviewCommandIds.reveal, title: 'Show change', arguments: [hunk] };
    item.accessibilityInformation = {
      label: `${hunkTitle(hunk)} at line ${hunk.start + 1}${hunk.conflict ? ', cannot apply: its lines changed' : ''}`,
    };
    return item;
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
