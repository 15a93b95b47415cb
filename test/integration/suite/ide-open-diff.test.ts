import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as vscode from 'vscode';
import { allTabs, callTool, connectIde, textsOf } from './ide-support';
import { eventually, workspaceRoot } from './tandem-api';

function diffTab(title: string): vscode.Tab | undefined {
  return allTabs().find((tab) => tab.label === title && tab.input instanceof vscode.TabInputTextDiff);
}

describe('openDiff in the native diff editor', () => {
  let client: Client;
  let path: string;

  before(async () => {
    client = await connectIde();
  });

  beforeEach(() => {
    path = join(mkdtempSync(join(workspaceRoot(), 'diff-')), 'greeting.ts');
    writeFileSync(path, 'export const greeting = "hello";\n');
  });

  after(async () => {
    await client.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const open = (title: string) =>
    callTool(client, 'openDiff', {
      old_file_path: path,
      new_file_path: path,
      new_file_contents: 'export const greeting = "hello, world";\n',
      tab_name: title,
    });

  it("answers FILE_SAVED with the person's edited text when they click Accept, and never writes the file", async () => {
    const title = '✻ [Claude Code] greeting.ts (a1b2c3) ⧉';
    const answer = open(title);
    const tab = await eventually(() => diffTab(title));
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.fsPath, path, 'the file itself on the left');
    assert.equal(input.modified.scheme, 'tandem-proposal', 'the editable proposal on the right');
    const proposal = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(proposal.getText(), 'export const greeting = "hello, world";\n');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.uri, new vscode.Range(0, 0, 1, 0), 'export const greeting = "hi";\n');
    await vscode.workspace.applyEdit(edit);
    await vscode.commands.executeCommand('tandem.acceptProposal', input.modified);
    assert.deepEqual(textsOf(await answer), ['FILE_SAVED', 'export const greeting = "hi";\n']);
    assert.equal(
      readFileSync(path, 'utf8'),
      'export const greeting = "hello";\n',
      'the client writes, not the editor',
    );
    await eventually(() => (diffTab(title) ? undefined : true));
  });

  it('answers DIFF_REJECTED with the tab name when they click Reject', async () => {
    const title = 'reject me';
    const answer = open(title);
    const tab = await eventually(() => diffTab(title));
    await vscode.commands.executeCommand(
      'tandem.rejectProposal',
      (tab.input as vscode.TabInputTextDiff).modified,
    );
    assert.deepEqual(textsOf(await answer), ['DIFF_REJECTED', title]);
  });

  it('answers DIFF_REJECTED when they close the diff tab', async () => {
    const title = 'close me';
    const answer = open(title);
    const tab = await eventually(() => diffTab(title));
    await vscode.window.tabGroups.close(tab);
    assert.deepEqual(textsOf(await answer), ['DIFF_REJECTED', title]);
  });

  it('close_tab and closeAllDiffTabs close only the diffs opened for openDiff', async () => {
    const other = join(mkdtempSync(join(workspaceRoot(), 'diff-')), 'other.txt');
    writeFileSync(other, 'x\n');
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(path),
      vscode.Uri.file(other),
      'someone else',
    );
    const first = open('first');
    const second = open('second');
    await eventually(() => (diffTab('first') && diffTab('second') ? true : undefined));
    assert.deepEqual(textsOf(await callTool(client, 'close_tab', { tab_name: 'first' })), ['TAB_CLOSED']);
    assert.equal(textsOf(await first)[0], 'DIFF_REJECTED');
    assert.equal(diffTab('first'), undefined);
    assert.deepEqual(textsOf(await callTool(client, 'closeAllDiffTabs')), ['CLOSED_1_DIFF_TABS']);
    assert.equal(textsOf(await second)[0], 'DIFF_REJECTED');
    assert.ok(diffTab('someone else'), "another extension's diff stays open");
  });
});
