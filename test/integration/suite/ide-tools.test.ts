import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as vscode from 'vscode';
import type { FileDiagnostics, OpenEditorTab } from '../../../src/host/ide/ide-editor';
import {
  atMentionedNotificationSchema,
  selectionChangedNotificationSchema,
} from '../../../src/host/ide/ide-notifications';
import { callTool, connectIde, jsonOf, textsOf } from './ide-support';
import { eventually, workspaceRoot } from './tandem-api';

function fixture(name: string, text: string): string {
  const path = join(mkdtempSync(join(workspaceRoot(), 'ide-')), name);
  writeFileSync(path, text);
  return path;
}

describe('IDE MCP tools see the real editor', () => {
  let client: Client;

  before(async () => {
    client = await connectIde();
  });

  after(async () => {
    await client.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("getDiagnostics reports TypeScript's type error in an open file", async function () {
    this.timeout(120_000);
    const path = fixture('broken.ts', "export const count: number = 'three';\n");
    await vscode.window.showTextDocument(vscode.Uri.file(path));
    // The CLI sends the path unencoded after file://.
    const uri = `file://${path}`;
    const [entry] = await eventually(async () => {
      const entries = jsonOf(await callTool(client, 'getDiagnostics', { uri })) as FileDiagnostics[];
      return entries[0]?.diagnostics.length ? entries : undefined;
    }, 110_000);
    assert.equal(entry?.uri, uri);
    assert.equal(entry?.linesInFile, 2);
    const diagnostic = entry?.diagnostics[0];
    assert.equal(diagnostic?.severity, 'Error');
    assert.equal(diagnostic?.source, 'ts');
    assert.equal(diagnostic?.code, '2322');
    assert.match(diagnostic?.message ?? '', /Type 'string' is not assignable to type 'number'/);
    assert.deepEqual(diagnostic?.range.start, { line: 0, character: 13 });
    const all = jsonOf(await callTool(client, 'getDiagnostics')) as FileDiagnostics[];
    assert.ok(
      all.some((file) => file.uri === vscode.Uri.file(path).toString(true)),
      'the file is among all files with problems',
    );
  });

  it('getCurrentSelection and selection_changed follow what the person selects', async () => {
    const path = fixture('select.ts', 'const first = 1;\nconst second = 2;\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    const heard: { text: string }[] = [];
    client.setNotificationHandler(selectionChangedNotificationSchema, (notification) => {
      heard.push(notification.params);
    });
    editor.selection = new vscode.Selection(1, 6, 1, 12);
    const current = jsonOf(await callTool(client, 'getCurrentSelection'));
    assert.deepEqual(current, {
      success: true,
      text: 'second',
      filePath: path,
      fileUrl: vscode.Uri.file(path).toString(),
      selection: { start: { line: 1, character: 6 }, end: { line: 1, character: 12 }, isEmpty: false },
    });
    await eventually(() => (heard.some((selection) => selection.text === 'second') ? true : undefined));
    const latest = jsonOf(await callTool(client, 'getLatestSelection')) as { text: string };
    assert.equal(latest.text, 'second');
  });

  it('getOpenEditors lists the open file as the active tab, with its selection', async () => {
    const path = fixture('tabs.ts', 'one\ntwo\nthree\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
    editor.selection = new vscode.Selection(2, 0, 0, 0);
    const { tabs } = jsonOf(await callTool(client, 'getOpenEditors')) as { tabs: OpenEditorTab[] };
    const tab = tabs.find((candidate) => candidate.uri === vscode.Uri.file(path).toString());
    assert.ok(tab, JSON.stringify(tabs));
    assert.equal(tab.isActive, true);
    assert.equal(tab.label, 'tabs.ts');
    assert.equal(tab.languageId, 'typescript');
    assert.equal(tab.lineCount, 4);
    assert.deepEqual(tab.selection, {
      start: { line: 0, character: 0 },
      end: { line: 2, character: 0 },
      isReversed: true,
    });
  });

  it('getWorkspaceFolders names the open folder', async () => {
    assert.deepEqual(jsonOf(await callTool(client, 'getWorkspaceFolders')), {
      success: true,
      folders: [
        {
          name: vscode.workspace.workspaceFolders?.[0]?.name,
          uri: vscode.Uri.file(workspaceRoot()).toString(),
          path: workspaceRoot(),
          index: 0,
        },
      ],
      rootPath: workspaceRoot(),
      workspaceFile: null,
    });
  });

  it('checkDocumentDirty and saveDocument see and save unsaved typing', async () => {
    const path = fixture('dirty.txt', 'saved\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'typed '));
    assert.equal(
      (jsonOf(await callTool(client, 'checkDocumentDirty', { filePath: path })) as { isDirty: boolean })
        .isDirty,
      true,
    );
    const saved = jsonOf(await callTool(client, 'saveDocument', { filePath: path })) as { saved: boolean };
    assert.equal(saved.saved, true);
    assert.equal(editor.document.isDirty, false);
    assert.equal(editor.document.getText(), 'typed saved\n');
  });

  it('openFile opens the file and selects from startText to endText', async () => {
    const path = fixture('open.ts', 'function a() {\n  return 1;\n}\n');
    const result = await callTool(client, 'openFile', { filePath: path, startText: 'return', endText: '1;' });
    assert.deepEqual(textsOf(result), [`Opened file and selected text: ${path}`]);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path);
    assert.equal(editor?.document.getText(editor.selection), 'return 1;');
    const missing = await callTool(client, 'openFile', { filePath: join(workspaceRoot(), 'nope.ts') });
    assert.equal(missing.isError, true);
  });

  it('"Tandem: Mention Selection" sends the selected lines to connected agents as at_mentioned', async () => {
    const path = fixture('mention.ts', 'a\nb\nc\nd\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    const heard: unknown[] = [];
    client.setNotificationHandler(atMentionedNotificationSchema, (notification) => {
      heard.push(notification.params);
    });
    // Lines 2–3 selected to the start of line 4, which is therefore not part of it.
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    const reached = await vscode.commands.executeCommand<number>('tandem.mentionSelection');
    assert.ok(reached >= 1, `${reached} agents heard it`);
    await eventually(() => (heard.length > 0 ? true : undefined));
    assert.deepEqual(heard[0], { filePath: path, lineStart: 1, lineEnd: 2 });
  });
});
