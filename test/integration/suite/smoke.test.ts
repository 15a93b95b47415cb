import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('smoke', () => {
  it('runs inside a real VS Code with the fixture workspace open', () => {
    assert.match(vscode.version, /^1\./);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });
});
