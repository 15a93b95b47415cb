import * as vscode from 'vscode';
import { Disposable } from '../../base/disposable';
import { HunkCodeLenses } from './hunk-code-lenses';
import type { InlineReview, PendingFileView } from './inline-review';
import { registerInlineReviewCommands } from './inline-review-commands';
import type { PendingNode } from './pending-changes-tree';
import { PendingChangesTree } from './pending-changes-tree';
import type { VisibleFile } from './proposed-lines-threads';
import { ProposedLinesThreads } from './proposed-lines-threads';
import { ReviewDecorations } from './review-decorations';
import { pendingChangesViewId, reviewCommandIds, reviewContextKeys } from './review-command-ids';

/** Setting: show each hunk's proposed lines as a block under it (else in its hover only). */
export const showProposedLinesSetting = 'tandem.review.showProposedLines';

function count(files: readonly PendingFileView[]): number {
  return files.reduce((sum, file) => sum + file.hunks.length, 0);
}

/**
 * Everything the person sees of the inline review — decorations, proposed-line blocks, CodeLens,
 * the Pending changes view, a status-bar item, context keys — repainted together (once per burst
 * of typing) from the review's state, and its commands.
 */
export class InlineReviewUi extends Disposable {
  readonly decorations = this._register(new ReviewDecorations());
  readonly threads = this._register(new ProposedLinesThreads());
  readonly #lenses: HunkCodeLenses;
  readonly #tree: PendingChangesTree;
  readonly #view: vscode.TreeView<PendingNode>;
  readonly #status = this._register(
    vscode.window.createStatusBarItem('tandem.pendingChanges', vscode.StatusBarAlignment.Left, 90),
  );
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  #scheduledBlocks: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly review: InlineReview) {
    super();
    this.#lenses = this._register(new HunkCodeLenses(review));
    this.#tree = this._register(new PendingChangesTree(review));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this.#lenses));
    this.#view = this._register(
      vscode.window.createTreeView(pendingChangesViewId, {
        treeDataProvider: this.#tree,
        showCollapseAll: true,
      }),
    );
    this.#status.name = 'Tandem pending changes';
    this.#status.command = reviewCommandIds.nextHunk;
    for (const command of registerInlineReviewCommands(review, this.threads)) this._register(command);
    this._register(review.onDidChange(() => this.#schedule()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.#schedule()));
    // Scrolling only brings blocks into view; decorations and lenses already cover the whole file.
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (this.review.fileOf(event.textEditor.document.uri)) this.#scheduleBlocks();
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.#updateEditorContext()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(showProposedLinesSetting)) this.#schedule();
      }),
    );
    this._register({
      dispose: () => {
        clearTimeout(this.#scheduled);
        clearTimeout(this.#scheduledBlocks);
      },
    });
  }

  /** Repaints now; views call it through a short debounce so typing stays fast. */
  render(): void {
    this.#scheduled = undefined;
    if (this.isDisposed) return;
    const files = this.review.files();
    this.decorations.render(files);
    this.#renderBlocks(files);
    this.#lenses.refresh();
    this.#tree.refresh();
    const pending = count(files);
    this.#view.badge =
      pending > 0 ? { value: pending, tooltip: `${pending} changes wait for review` } : undefined;
    this.#updateStatus(files, pending);
    void vscode.commands.executeCommand('setContext', reviewContextKeys.hasPending, pending > 0);
    this.#updateEditorContext();
  }

  #renderBlocks(files: readonly PendingFileView[]): void {
    const blocks = vscode.workspace.getConfiguration().get<boolean>(showProposedLinesSetting, true);
    const editors = new Map<string, VisibleFile>();
    for (const editor of vscode.window.visibleTextEditors) {
      const key = editor.document.uri.toString();
      const visible = editor.visibleRanges.map((range) => ({ start: range.start.line, end: range.end.line }));
      const known = editors.get(key);
      editors.set(key, {
        lineCount: editor.document.lineCount,
        visible: [...(known?.visible ?? []), ...visible],
      });
    }
    this.threads.render(blocks ? files : [], editors);
  }

  #schedule(): void {
    clearTimeout(this.#scheduledBlocks);
    this.#scheduledBlocks = undefined;
    this.#scheduled ??= setTimeout(() => this.render(), 15);
  }

  #scheduleBlocks(): void {
    if (this.#scheduled) return;
    this.#scheduledBlocks ??= setTimeout(() => {
      this.#scheduledBlocks = undefined;
      if (!this.isDisposed) this.#renderBlocks(this.review.files());
    }, 15);
  }

  #updateStatus(files: readonly PendingFileView[], pending: number): void {
    if (pending === 0) {
      this.#status.hide();
      return;
    }
    const where = files.length === 1 ? '1 file' : `${files.length} files`;
    this.#status.text = `$(diff) ${pending} pending`;
    this.#status.tooltip = `Tandem: ${pending} proposed change${pending === 1 ? '' : 's'} in ${where} wait for your review. Click to go to the next.`;
    this.#status.accessibilityInformation = {
      label: `Tandem: ${pending} proposed changes in ${where} wait for review`,
    };
    this.#status.show();
  }

  #updateEditorContext(): void {
    const editor = vscode.window.activeTextEditor;
    const hasPending =
      editor !== undefined && (this.review.fileOf(editor.document.uri)?.hunks.length ?? 0) > 0;
    void vscode.commands.executeCommand('setContext', reviewContextKeys.editorHasPending, hasPending);
  }
}
