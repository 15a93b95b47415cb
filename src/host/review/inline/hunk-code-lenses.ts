import * as vscode from 'vscode';
import type { InlineReview } from './inline-review';
import { reviewCommandIds } from './review-command-ids';
import { anchorLine, hunkTitle } from './proposed-text';

/**
 * Accept / Reject above every pending hunk, and Accept file / Reject file above the first one.
 * Cheap: it reads the review's state, nothing else.
 */
export class HunkCodeLenses implements vscode.CodeLensProvider {
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#onDidChange.event;

  constructor(private readonly review: InlineReview) {}

  /** Asks the editor for new lenses (after the review changed). */
  refresh(): void {
    this.#onDidChange.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = this.review.fileOf(document.uri);
    if (!file || file.hunks.length === 0) return [];
    const lenses: vscode.CodeLens[] = [];
    const firstLine = anchorLine(file.hunks[0]!, document.lineCount);
    if (file.hunks.length > 1) {
      const range = new vscode.Range(firstLine, 0, firstLine, 0);
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(check-all) Accept file (${file.hunks.length})`,
          tooltip: 'Write every pending change Tandem proposes for this file',
          command: reviewCommandIds.acceptFile,
          arguments: [document.uri],
        }),
        new vscode.CodeLens(range, {
          title: '$(close-all) Reject file',
          tooltip: 'Reject every pending change Tandem proposes for this file',
          command: reviewCommandIds.rejectFile,
          arguments: [document.uri],
        }),
      );
    }
    for (const hunk of file.hunks) {
      const line = anchorLine(hunk, document.lineCount);
      const range = new vscode.Range(line, 0, line, 0);
      const target = { uri: hunk.uri, proposalId: hunk.proposalId, index: hunk.index };
      if (hunk.conflict) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(warning) ${hunkTitle(hunk)}: its lines changed, it can no longer apply`,
            tooltip: hunk.conflict,
            command: '',
          }),
        );
      } else {
        lenses.push(
          new vscode.CodeLens(range, {
            title: '$(check) Accept',
            tooltip: `Write ${hunkTitle(hunk)} to the file`,
            command: reviewCommandIds.acceptHunk,
            arguments: [target],
          }),
        );
      }
      lenses.push(
        new vscode.CodeLens(range, {
          title: '$(close) Reject',
          tooltip: `Leave the file as it is here (${hunkTitle(hunk)})`,
          command: reviewCommandIds.rejectHunk,
          arguments: [target],
        }),
      );
      if (!hunk.conflict)
        lenses.push(new vscode.CodeLens(range, { title: `Tandem: ${hunkTitle(hunk)}`, command: '' }));
    }
    return lenses;
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
