import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ReviewAnswer } from '../../../core/ports';
import { ProposalFileSystem } from '../../review/proposal-file-system';
import type { DiffReviewer, DiffReviewRequest } from './diff-reviewer';

const requestPrefix = 'ide-diff-';

/** Whether `uri` is the proposal side of a diff opened for `openDiff` (not one of Tandem's own). */
export function isIdeDiffProposal(uri: vscode.Uri): boolean {
  return ProposalFileSystem.requestIdOf(uri)?.startsWith(requestPrefix) ?? false;
}

function findDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** The tabs showing `uri` on the right of a diff (or alone). */
export function tabsShowing(uri: vscode.Uri): vscode.Tab[] {
  const key = uri.toString();
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key) ||
        (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
    );
}

/**
 * `openDiff` in the native diff editor: the file (or, when it is new or has unsaved changes, its disk
 * content) on the left, the proposal on the right as an editable `tandem-proposal:` document, under
 * the client's tab title. The editor-title Accept and Reject commands answer through {@link answer};
 * closing the tab rejects. What the person typed on the right counts. It never writes the file.
 */
export class NativeDiffReviewer implements DiffReviewer, vscode.Disposable {
  readonly #waiting = new Map<string, (answer: 'accept' | 'reject') => void>();
  readonly #proposals: ProposalFileSystem;
  readonly #tabWatch: vscode.Disposable;
  #next = 0;

  constructor(proposals: ProposalFileSystem) {
    this.#proposals = proposals;
    this.#tabWatch = vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.closed) {
        if (!(tab.input instanceof vscode.TabInputTextDiff)) continue;
        const requestId = ProposalFileSystem.requestIdOf(tab.input.modified);
        if (requestId) this.#waiting.get(requestId)?.('reject');
      }
    });
  }

  /** Answers a waiting diff from the editor; false when `requestId` is not one of ours or not waiting. */
  answer(requestId: string, answer: 'accept' | 'reject'): boolean {
    const settle = this.#waiting.get(requestId);
    settle?.(answer);
    return settle !== undefined;
  }

  async review(request: DiffReviewRequest, signal: AbortSignal): Promise<ReviewAnswer> {
    this.#next += 1;
    const requestId = `${requestPrefix}${this.#next}`;
    const name = basename(request.path);
    const right = ProposalFileSystem.uriFor(requestId, name);
    this.#proposals.set(right, request.after);
    const left = this.#leftSide(requestId, name, request);
    const decision = new Promise<'accept' | 'reject'>((resolve) => {
      const settle = (answer: 'accept' | 'reject'): void => {
        this.#waiting.delete(requestId);
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      const onAbort = (): void => settle('reject');
      if (signal.aborted) return settle('reject');
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(requestId, settle);
    });
    try {
      if (!signal.aborted) {
        // Focus stays where it was (usually the terminal running the agent), as with the official extension.
        await vscode.commands.executeCommand('vscode.diff', left, right, request.title, {
          preview: false,
          preserveFocus: true,
        });
      }
      const answer = await decision;
      const text = this.#currentText(right);
      if (answer === 'reject') return { kind: 'reject' };
      return text !== undefined && text !== request.after
        ? { kind: 'accept-modified', content: text }
        : { kind: 'accept' };
    } finally {
      await this.#close(right, left);
    }
  }

  dispose(): void {
    this.#tabWatch.dispose();
    for (const settle of [...this.#waiting.values()]) settle('reject');
  }

  #leftSide(requestId: string, name: string, request: DiffReviewRequest): vscode.Uri {
    const file = vscode.Uri.file(request.path);
    if (request.before !== undefined && !findDocument(file)?.isDirty) return file;
    // The proposal was computed from the disk, so that is what it is compared with.
    const copy = ProposalFileSystem.uriFor(
      requestId,
      `${request.before === undefined ? 'new' : 'on-disk'}/${name}`,
    );
    this.#proposals.set(copy, request.before ?? '');
    return copy;
  }

  /** What the person sees on the right, unsaved typing included; else the proposal as saved. */
  #currentText(uri: vscode.Uri): string | undefined {
    const document = findDocument(uri);
    return document?.isDirty ? document.getText() : this.#proposals.text(uri);
  }

  async #close(right: vscode.Uri, left: vscode.Uri): Promise<void> {
    const tabs = tabsShowing(right);
    if (tabs.length > 0) {
      // Saved first, so closing neither prompts nor leaves a dirty editor on a dropped proposal.
      const document = findDocument(right);
      if (document?.isDirty) await document.save().then(undefined, () => false);
      await vscode.window.tabGroups.close(tabs, true).then(undefined, () => false);
    }
    this.#proposals.drop(right);
    if (left.scheme === right.scheme) this.#proposals.drop(left);
  }
}
