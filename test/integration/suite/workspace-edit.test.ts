import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { workspaceRoot } from './tandem-api';

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

function freshFolder(): string {
  return mkdtempSync(join(workspaceRoot(), 'edit-'));
}

describe('the editor Workspace port', () => {
  const workspace = new VscodeWorkspace();

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes through a WorkspaceEdit that Undo takes back, and saves to disk', async () => {
    const path = join(freshFolder(), 'undo.ts');
    writeFileSync(path, 'const a = 1;\n');
    const document = await vscode.workspace.openTextDocument(path);
    await vscode.window.showTextDocument(document);
    await workspace.writeFile(path, Buffer.from('const a = 2;\n'));
    assert.equal(readFileSync(path, 'utf8'), 'const a = 2;\n');
    assert.equal(document.getText(), 'const a = 2;\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), 'const a = 1;\n');
  });

  it('replaces only the lines that changed: the lines between two changes and the cursor stay untouched', async () => {
    const path = join(freshFolder(), 'cursor.ts');
    writeFileSync(path, 'a\nb\nc\nd\ne\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path));
    editor.selection = new vscode.Selection(2, 1, 2, 1);
    const changes: vscode.TextDocumentContentChangeEvent[] = [];
    const listener = vscode.workspace.onDidChangeTextDocument((event) =>
      changes.push(...event.contentChanges),
    );
    try {
      await workspace.writeFile(path, Buffer.from('A\nb\nc\nd\nE\n'));
    } finally {
      listener.dispose();
    }
    // One whole-document replacement would span lines 0–4 and so every hunk waiting in between.
    assert.equal(changes.length, 2);
    assert.deepEqual(
      changes.filter((change) => change.range.start.line <= 2 && change.range.end.line >= 2),
      [],
    );
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [2, 1]);
    assert.equal(readFileSync(path, 'utf8'), 'A\nb\nc\nd\nE\n');
  });

  it('keeps CRLF line endings and the UTF-8 BOM of the file', async () => {
    const path = join(freshFolder(), 'crlf.txt');
    writeFileSync(path, Buffer.concat([bom, Buffer.from('héllo\r\nworld\r\n')]));
    const proposed = Buffer.concat([bom, Buffer.from('héllo\r\nwörld\r\nagain\r\n')]);
    await workspace.writeFile(path, proposed);
    assert.deepEqual(readFileSync(path), proposed);
  });

  it('keeps a Latin-1 file in Latin-1 when its encoding is set', async () => {
    const folder = freshFolder();
    const path = join(folder, 'latin1.txt');
    writeFileSync(path, Buffer.from('caf\xe9\n', 'latin1'));
    await vscode.workspace
      .getConfiguration('files', vscode.Uri.file(path))
      .update('encoding', 'iso88591', vscode.ConfigurationTarget.Global);
    try {
      const read = await workspace.readFile(path);
      assert.deepEqual(Buffer.from(read.bytes), Buffer.from('caf\xe9\n', 'latin1'));
      await workspace.writeFile(path, Buffer.from('th\xe9\n', 'latin1'));
      assert.deepEqual(readFileSync(path), Buffer.from('th\xe9\n', 'latin1'));
    } finally {
      await vscode.workspace
        .getConfiguration('files')
        .update('encoding', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('reads the unsaved text of an open document and says it is dirty', async () => {
    const path = join(freshFolder(), 'dirty.md');
    writeFileSync(path, 'on disk\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path));
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'typed '));
    const read = await workspace.readFile(path);
    assert.equal(Buffer.from(read.bytes).toString('utf8'), 'typed on disk\n');
    assert.equal(read.dirty, true);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('creates a new file with its parent folders', async () => {
    const path = join(freshFolder(), 'a', 'b', 'new.txt');
    await workspace.writeFile(path, Buffer.from('fresh\n'));
    assert.equal(readFileSync(path, 'utf8'), 'fresh\n');
    assert.deepEqual(await workspace.stat(join(path, '..')).then((stat) => stat?.kind), 'directory');
  });

  it('deletes a file and reports missing paths as undefined', async () => {
    const path = join(freshFolder(), 'gone.txt');
    writeFileSync(path, 'x');
    await workspace.deleteFile(path);
    assert.equal(existsSync(path), false);
    assert.equal(await workspace.stat(path), undefined);
  });
});
