import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FileContent, FileStat, Workspace } from '../../core/ports';
import { computeHunks } from '../../core/review/compute-hunks';
import { textChangesFor } from '../../core/review/text-changes-for';
import { splitLines } from '../../core/review/text-lines';

function kindOf(type: vscode.FileType): FileStat['kind'] {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** The line ending text uses throughout, or undefined when it has none (or mixes both). */
function lineEndingOf(text: string): vscode.EndOfLine | undefined {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  if (lf === 0) return undefined;
  if (crlf === lf) return vscode.EndOfLine.CRLF;
  return crlf === 0 ? vscode.EndOfLine.LF : undefined;
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/**
 * The editor's Workspace: reads unsaved buffers of open documents, writes through WorkspaceEdit
 * (only the changed lines) and saves, so the person's undo stack holds the agent's edits and the
 * document keeps its encoding, BOM and line endings. Paths are absolute file-system paths.
 */
export class VscodeWorkspace implements Workspace {
  get roots(): readonly string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const uri = vscode.Uri.file(path);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const document = openDocument(uri);
      const size = document?.isDirty ? (await this.#encode(document)).byteLength : stat.size;
      return { kind: kindOf(stat.type), size, mtimeMs: stat.mtime };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<FileContent> {
    const uri = vscode.Uri.file(path);
    const document = openDocument(uri);
    if (document?.isDirty) return { bytes: await this.#encode(document), dirty: true };
    return { bytes: await vscode.workspace.fs.readFile(uri) };
  }

  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    const uri = vscode.Uri.file(path);
    const exists = openDocument(uri) !== undefined || (await this.stat(path)) !== undefined;
    const edit = new vscode.WorkspaceEdit();
    if (!exists) {
      edit.createFile(uri, { contents: bytes, ignoreIfExists: false, overwrite: false });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not create ${path}`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    // Decoding with the document's own encoding keeps latin1/UTF-16/BOM files as they were. A
    // document turns inserted line breaks into its own EOL, so bytes with the other one (a
    // checkpoint restoring CRLF over a file made LF) also switch the document's EOL.
    const text = await vscode.workspace.decode(bytes, { uri });
    // Only the lines that differ are replaced, so the person's cursor, folds and scroll position
    // stay, and Undo takes back exactly the agent's change (one accepted hunk is one undo step).
    const lines = splitLines(document.getText());
    const eol = lineEndingOf(text) ?? document.eol;
    const lineBreak = eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edits = textChangesFor(lines, computeHunks(lines, splitLines(text)), lineBreak).map((change) =>
      vscode.TextEdit.replace(
        new vscode.Range(change.startLine, change.startCharacter, change.endLine, change.endCharacter),
        change.text,
      ),
    );
    if (eol !== document.eol) edits.push(vscode.TextEdit.setEndOfLine(eol));
    edit.set(uri, edits);
    if (edits.length > 0 && !(await vscode.workspace.applyEdit(edit)))
      throw new Error(`Could not edit ${path}`);
    // A write of what the document already holds changes nothing and leaves nothing to save.
    if (document.isDirty && !(await document.save())) throw new Error(`Could not save ${path}`);
  }

  async deleteFile(path: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(vscode.Uri.file(path), { ignoreIfNotExists: true, recursive: false });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not delete ${path}`);
  }

  async listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(path));
    return entries.map(([name, type]) => ({ name, kind: kindOf(type) }));
  }

  async realPath(path: string): Promise<string> {
    try {
      return await realpath(path);
    } catch {
      return path;
    }
  }

  async #encode(document: vscode.TextDocument): Promise<Uint8Array> {
    return vscode.workspace.encode(document.getText(), { uri: document.uri });
  }
}
