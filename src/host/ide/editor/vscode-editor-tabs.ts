import * as vscode from 'vscode';
import type { OpenEditorTab } from '../ide-editor';
import { isIdeDiffProposal } from '../review/native-diff-reviewer';
import { plainRange } from './vscode-diagnostics';

/** Every text tab of every group, with its document's details when the document is loaded. */
export function openEditorTabs(): OpenEditorTab[] {
  const documents = new Map(
    vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]),
  );
  const activeEditor = vscode.window.activeTextEditor;
  const activeGroup = vscode.window.tabGroups.activeTabGroup;
  return vscode.window.tabGroups.all.flatMap((group, groupIndex) =>
    group.tabs.flatMap((tab): OpenEditorTab[] => {
      if (!(tab.input instanceof vscode.TabInputText)) return [];
      const uri = tab.input.uri;
      const document = documents.get(uri.toString());
      const isFocused =
        tab.isActive && group === activeGroup && activeEditor?.document.uri.toString() === uri.toString();
      return [
        {
          uri: uri.toString(),
          isActive: tab.isActive,
          isPinned: tab.isPinned,
          isPreview: tab.isPreview,
          isDirty: tab.isDirty,
          label: tab.label,
          groupIndex,
          viewColumn: group.viewColumn,
          isGroupActive: group.isActive,
          ...(document
            ? {
                fileName: document.fileName,
                languageId: document.languageId,
                lineCount: document.lineCount,
                isUntitled: document.isUntitled,
              }
            : {}),
          ...(isFocused && activeEditor
            ? {
                selection: {
                  ...plainRange(activeEditor.selection),
                  isReversed: activeEditor.selection.isReversed,
                },
              }
            : {}),
        },
      ];
    }),
  );
}

/** Closes the diff tabs opened for `openDiff` (those titled `title`, or all); never other diffs. */
export async function closeIdeDiffTabs(title?: string): Promise<number> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputTextDiff &&
        isIdeDiffProposal(tab.input.modified) &&
        (title === undefined || tab.label === title),
    );
  if (tabs.length === 0) return 0;
  await vscode.window.tabGroups.close(tabs, true).then(undefined, () => false);
  return tabs.length;
}
