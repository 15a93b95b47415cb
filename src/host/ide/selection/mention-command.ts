import * as vscode from 'vscode';
import type { AtMention, SelectionFeed } from './selection-feed';

/** The command contributed in package.json. */
export const mentionSelectionCommand = 'tandem.mentionSelection';

/** The mention for a resource from the explorer, or for the active editor's selection. */
function mentionOf(resource: vscode.Uri | undefined): AtMention | undefined {
  if (resource?.scheme === 'file') return { filePath: resource.fsPath };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return undefined;
  const { selection } = editor;
  if (selection.isEmpty) return { filePath: editor.document.uri.fsPath };
  // A selection ending at column 0 of a line does not include that line.
  const lineEnd =
    selection.end.character === 0 && selection.end.line > selection.start.line
      ? selection.end.line - 1
      : selection.end.line;
  return { filePath: editor.document.uri.fsPath, lineStart: selection.start.line, lineEnd };
}

/**
 * "Tandem: Mention Selection": sends the selected lines (or the whole file, or a file or folder
 * picked in the explorer) to the connected agents as `at_mentioned`, which the CLI inserts into
 * its prompt as `@path#Lx-y`. Says so when no agent is listening.
 */
export function registerMentionCommand(selections: SelectionFeed): vscode.Disposable {
  return vscode.commands.registerCommand(mentionSelectionCommand, (resource?: vscode.Uri) => {
    const mention = mentionOf(resource instanceof vscode.Uri ? resource : undefined);
    if (!mention) {
      void vscode.window.showInformationMessage('Tandem: open a file to mention it.');
      return 0;
    }
    const heard = selections.mention(mention);
    if (heard === 0) {
      void vscode.window.showInformationMessage(
        'Tandem: no agent is connected to this window. Run `claude` in a terminal of this window first.',
      );
    }
    return heard;
  });
}
