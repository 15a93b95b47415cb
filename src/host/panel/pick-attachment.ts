import { isAbsolute, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { Attachment } from '../../protocol/attachment';

/** The absolute path of `path` when it lies inside `root`, else undefined. */
export function insideRoot(root: string, path: string): string | undefined {
  const absolute = resolve(root, path);
  const fromRoot = relative(root, absolute);
  return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? undefined : absolute;
}

/**
 * Asks the editor for an attachment: a file from the open dialog, or the active editor's
 * selection. undefined when the person cancelled or it lies outside the workspace.
 */
export async function pickAttachment(kind: Attachment['kind']): Promise<Attachment | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (root === undefined) return undefined;
  if (kind === 'file') {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.file(root),
    });
    const path = picked?.[0]?.fsPath;
    return path && insideRoot(root, path) ? { kind: 'file', path: relative(root, path) } : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  const path = editor?.document.uri.fsPath;
  if (!editor || !path || !insideRoot(root, path)) return undefined;
  const { start, end } = editor.selection;
  return {
    kind: 'selection',
    path: relative(root, path),
    range: { startLine: start.line, endLine: end.line + 1 },
  };
}
