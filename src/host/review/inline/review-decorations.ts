import * as vscode from 'vscode';
import { Disposable } from '../../base/disposable';
import type { PendingFileView, PendingHunkView } from './inline-review';
import { hunkMarkdown, hunkTitle } from './proposed-text';

/** The first lines of the hunks painted in one file, by kind. */
export interface PaintedLines {
  removed: number[];
  insertion: number[];
  conflict: number[];
}

/**
 * Paints pending hunks in every visible editor of their file, with theme colours: the lines a hunk
 * would remove in the diff editor's removed-line colour, the place an insertion goes with an added
 * border, conflicts in the warning colour; the overview ruler marks each. A hover on a hunk shows
 * it as a diff. Decorations only: the document is never touched.
 */
export class ReviewDecorations extends Disposable {
  readonly #removed = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  readonly #insertion = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      borderWidth: '2px 0 0 0',
      borderStyle: 'solid',
      borderColor: new vscode.ThemeColor('editorGutter.addedBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  /** An insertion after the last line: the border goes below it. */
  readonly #insertionAtEnd = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      borderWidth: '0 0 2px 0',
      borderStyle: 'solid',
      borderColor: new vscode.ThemeColor('editorGutter.addedBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  readonly #conflict = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('inputValidation.warningBackground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      after: {
        contentText: '  ⚠ changed since Tandem proposed this',
        color: new vscode.ThemeColor('editorWarning.foreground'),
      },
    }),
  );

  readonly #painted = new Map<string, PaintedLines>();
  #hovers = new Map<string, vscode.MarkdownString>();

  /** The first line of each hunk as last painted in editors of `uri` (for tests and accessibility checks). */
  painted(uri: vscode.Uri): PaintedLines {
    return this.#painted.get(uri.toString()) ?? { removed: [], insertion: [], conflict: [] };
  }

  /** Repaints every visible editor from `files`; editors of other files are cleared. */
  render(files: readonly PendingFileView[]): void {
    this.#painted.clear();
    const hovers = new Map<string, vscode.MarkdownString>();
    const byUri = new Map(files.map((file) => [file.uri.toString(), file]));
    for (const editor of vscode.window.visibleTextEditors) {
      const file = byUri.get(editor.document.uri.toString());
      const lineCount = editor.document.lineCount;
      const removed: vscode.DecorationOptions[] = [];
      const insertion: vscode.DecorationOptions[] = [];
      const insertionAtEnd: vscode.DecorationOptions[] = [];
      const conflict: vscode.DecorationOptions[] = [];
      for (const hunk of file?.hunks ?? []) {
        const options = this.#options(hunk, lineCount, hovers);
        if (hunk.conflict) conflict.push(options);
        else if (hunk.removed.length > 0) removed.push(options);
        else if (hunk.start >= lineCount) insertionAtEnd.push(options);
        else insertion.push(options);
      }
      editor.setDecorations(this.#removed, removed);
      editor.setDecorations(this.#insertion, insertion);
      editor.setDecorations(this.#insertionAtEnd, insertionAtEnd);
      editor.setDecorations(this.#conflict, conflict);
      const lines = (options: vscode.DecorationOptions[]): number[] =>
        options.map((option) => option.range.start.line);
      this.#painted.set(editor.document.uri.toString(), {
        removed: lines(removed),
        insertion: lines([...insertion, ...insertionAtEnd]),
        conflict: lines(conflict),
      });
    }
    this.#hovers = hovers;
  }

  #options(
    hunk: PendingHunkView,
    lineCount: number,
    hovers: Map<string, vscode.MarkdownString>,
  ): vscode.DecorationOptions {
    const first = Math.min(hunk.start, lineCount - 1);
    const last = Math.min(lineCount - 1, hunk.start + Math.max(1, hunk.removed.length) - 1);
    // A hunk's hover only changes when it becomes a conflict: made once, not on every keystroke.
    const key = `${hunk.uri}#${hunk.proposalId}#${hunk.index}#${hunk.conflict ?? ''}`;
    const hoverMessage = this.#hovers.get(key) ?? hunkMarkdown(hunk, `Tandem proposes · ${hunkTitle(hunk)}`);
    hovers.set(key, hoverMessage);
    return { range: new vscode.Range(first, 0, last, 0), hoverMessage };
  }
}
