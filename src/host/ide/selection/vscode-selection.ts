import * as vscode from 'vscode';
import type { EditorSelection } from '../ide-editor';
import { plainRange } from '../editor/vscode-diagnostics';
import type { SelectionFeed } from './selection-feed';

// Output panes, comment threads and other virtual documents are not something to work on.
const workableSchemes = new Set(['file', 'untitled', 'vscode-remote']);

/** The primary selection of `editor` as the IDE protocol sends it; undefined for virtual documents. */
export function selectionOf(editor: vscode.TextEditor | undefined): EditorSelection | undefined {
  if (!editor || !workableSchemes.has(editor.document.uri.scheme)) return undefined;
  const { document, selection } = editor;
  return {
    text: document.getText(selection),
    filePath: document.uri.fsPath,
    fileUrl: document.uri.toString(),
    selection: { ...plainRange(selection), isEmpty: selection.isEmpty },
  };
}

/** Feeds every selection and active-editor change into `feed` (which debounces and dedupes). */
export function trackSelections(feed: SelectionFeed): vscode.Disposable {
  feed.update(selectionOf(vscode.window.activeTextEditor));
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((event) => feed.update(selectionOf(event.textEditor))),
    vscode.window.onDidChangeActiveTextEditor((editor) => feed.update(selectionOf(editor))),
  );
}
