import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DiffPreview } from '../../../src/host/review/diff-preview';
import { ProposalFileSystem, proposalScheme } from '../../../src/host/review/proposal-file-system';
import { tandemApi, eventually, workspaceRoot } from './tandem-api';

// A second scheme keeps this test's proposals apart from the extension's own.
describe('Open diff (native diff editor)', () => {
  it('opens the proposal beside the file, takes what the person typed there, and closes with it', async () => {
    await tandemApi();
    const proposals = new ProposalFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider(`${proposalScheme}-test`, proposals);
    try {
      const path = join(mkdtempSync(join(workspaceRoot(), 'diff-')), 'a.txt');
      writeFileSync(path, 'before\n');
      const preview = new DiffPreview(proposals, `${proposalScheme}-test`);
      const handle = preview.open('req-1', {
        toolUseId: 't',
        path,
        before: 'before\n',
        after: 'after\n',
        diff: '',
      });
      await handle.show();
      const tab = await eventually(() =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((candidate) => candidate.input instanceof vscode.TabInputTextDiff),
      );
      const input = tab.input as vscode.TabInputTextDiff;
      assert.equal(input.original.fsPath, path);
      const proposal = await vscode.workspace.openTextDocument(input.modified);
      assert.equal(proposal.getText(), 'after\n');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(proposal.uri, new vscode.Range(0, 0, 1, 0), 'after, edited by hand\n');
      await vscode.workspace.applyEdit(edit);
      assert.equal(
        handle.text(),
        'after, edited by hand\n',
        'unsaved typing counts: it is what the person sees',
      );
      await proposal.save();
      assert.equal(handle.text(), 'after, edited by hand\n');
      handle.dispose();
      await eventually(() => (handle.text() === undefined ? true : undefined));
      const stillOpen = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .some((candidate) => candidate.input instanceof vscode.TabInputTextDiff);
      assert.equal(stillOpen, false, 'the diff editor closes with the proposal');
    } finally {
      registration.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
