import * as vscode from 'vscode';
import { findTextSpan } from './find-text-span';
import type {
  DocumentState,
  EditorSelection,
  FileDiagnostics,
  IdeEditor,
  OpenEditorTab,
  OpenFileOutcome,
  OpenFileRequest,
  WorkspaceFolderInfo,
} from '../ide-editor';
import { readDiagnostics } from './vscode-diagnostics';
import { closeIdeDiffTabs, openEditorTabs } from './vscode-editor-tabs';
import { selectionOf } from '../selection/vscode-selection';

function openDocument(path: string): vscode.TextDocument | undefined {
  const key = vscode.Uri.file(path).toString();
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.toString() === key || (document.isUntitled && document.uri.fsPath === path),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** The IDE tools' view of this VS Code window. */
export class VscodeIdeEditor implements IdeEditor {
  workspaceFolders(): WorkspaceFolderInfo[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      name: folder.name,
      uri: folder.uri.toString(),
      path: folder.uri.fsPath,
      index: folder.index,
    }));
  }

  workspaceFile(): string | null {
    const file = vscode.workspace.workspaceFile;
    return file?.scheme === 'file' ? file.fsPath : null;
  }

  diagnostics(path?: string): FileDiagnostics[] {
    return readDiagnostics(path);
  }

  currentSelection(): EditorSelection | undefined {
    return selectionOf(vscode.window.activeTextEditor);
  }

  openEditors(): OpenEditorTab[] {
    return openEditorTabs();
  }

  documentState(path: string): DocumentState | undefined {
    const document = openDocument(path);
    return document ? { isDirty: document.isDirty, isUntitled: document.isUntitled } : undefined;
  }

  async saveDocument(path: string): Promise<{ saved: boolean } | undefined> {
    const document = openDocument(path);
    if (!document) return undefined;
    if (!document.isDirty) return { saved: false };
    return { saved: await document.save().then(undefined, () => false) };
  }

  async openFile(request: OpenFileRequest): Promise<OpenFileOutcome> {
    const uri = vscode.Uri.file(request.filePath);
    const open = openDocument(request.filePath);
    if (!open && !(await exists(uri))) return { kind: 'not-found' };
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    const span = request.startText
      ? findTextSpan(document.getText(), {
          startText: request.startText,
          selectToEndOfLine: request.selectToEndOfLine,
          ...(request.endText ? { endText: request.endText } : {}),
        })
      : undefined;
    const selection =
      span && new vscode.Selection(document.positionAt(span.start), document.positionAt(span.end));
    const editor = await vscode.window.showTextDocument(document, {
      preview: request.preview,
      preserveFocus: !request.makeFrontmost,
      ...(selection ? { selection } : {}),
    });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
    return {
      kind: 'opened',
      fileUrl: document.uri.toString(),
      languageId: document.languageId,
      lineCount: document.lineCount,
      isDirty: document.isDirty,
      isUntitled: document.isUntitled,
      selected: request.startText === undefined ? undefined : selection !== undefined,
    };
  }

  async readDiskText(path: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
    } catch {
      return undefined;
    }
  }

  closeDiffTabs(title?: string): Promise<number> {
    return closeIdeDiffTabs(title);
  }
}
