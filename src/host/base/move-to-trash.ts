import * as vscode from 'vscode';

/** Deletes to the OS trash, so a deletion can be undone; where there is none (a server), for good. */
export async function moveToTrash(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: true });
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return;
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
}
