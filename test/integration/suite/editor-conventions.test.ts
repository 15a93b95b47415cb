import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Attachment } from '../../../src/protocol/attachment';
import { eventually, extensionId, tandemApi, workspaceRoot } from './tandem-api';

interface ContributedCommand {
  command: string;
}

function contributedCommands(): string[] {
  const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as
    { contributes?: { commands?: ContributedCommand[] } } | undefined;
  return (manifest?.contributes?.commands ?? []).map((entry) => entry.command);
}

async function addFile(...args: unknown[]): Promise<Attachment[]> {
  return (await vscode.commands.executeCommand<Attachment[]>('tandem.addFile', ...args)) ?? [];
}

/** The problems VS Code's JSON language service reports for a file once it is open. */
async function jsonDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  await vscode.window.showTextDocument(uri);
  return eventually(() => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.length > 0 ? found : undefined;
  }, 30_000);
}

describe('editor conventions', () => {
  it('registers every command package.json contributes', async () => {
    await tandemApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const commands = contributedCommands();
    assert.ok(commands.includes('tandem.addFile') && commands.includes('tandem.addSelection'));
    assert.deepEqual(
      commands.filter((command) => !registered.has(command)),
      [],
    );
  });

  it('Add File to Tandem refuses a file outside the workspace', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'tandem-outside-')), 'secret.txt');
    writeFileSync(outside, 'not yours\n');
    assert.deepEqual(await addFile(vscode.Uri.file(outside)), []);
  });

  it('Add File to Tandem attaches the Explorer selection inside the workspace and shows the view', async () => {
    const api = await tandemApi();
    const readme = vscode.Uri.file(join(workspaceRoot(), 'README.md'));
    const outside = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'tandem-outside-')), 'x.txt'));
    writeFileSync(outside.fsPath, 'x\n');
    assert.deepEqual(await addFile(readme, [readme, outside]), [{ kind: 'file', path: 'README.md' }]);
    await eventually(() => (api.view.view?.visible ? true : undefined));
  });

  it('Add Selection to Tandem attaches the selected lines', async () => {
    const path = join(workspaceRoot(), 'selection.txt');
    writeFileSync(path, 'one\ntwo\nthree\nfour\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    const attached = await vscode.commands.executeCommand<Attachment[]>('tandem.addSelection');
    assert.deepEqual(attached, [
      { kind: 'selection', path: 'selection.txt', range: { startLine: 1, endLine: 3 } },
    ]);
  });

  it('checks .claude/settings.json and .mcp.json against Tandem’s schemas as they are typed', async () => {
    const root = workspaceRoot();
    mkdirSync(join(root, '.claude'), { recursive: true });
    const settings = vscode.Uri.file(join(root, '.claude', 'settings.json'));
    writeFileSync(
      settings.fsPath,
      '{ "permissions": { "defaultMode": "sometimes", "allow": ["Bash (ls)"] } }\n',
    );
    const mcp = vscode.Uri.file(join(root, '.mcp.json'));
    writeFileSync(mcp.fsPath, '{ "mcpServers": { "remote": { "type": "http" } } }\n');
    const settingsDocument = await vscode.workspace.openTextDocument(settings);
    const underlined = (await jsonDiagnostics(settings)).map((problem) =>
      settingsDocument.getText(problem.range),
    );
    assert.deepEqual(underlined.sort(), ['"Bash (ls)"', '"sometimes"']);
    const mcpProblems = await jsonDiagnostics(mcp);
    assert.ok(
      mcpProblems.some((problem) => problem.message.includes('url')),
      mcpProblems.map((problem) => problem.message).join('\n'),
    );
  });

  it("VS Code's Git extension activates beside Tandem (its Git Base dependency is installed)", async () => {
    const git = vscode.extensions.getExtension<{ getAPI(version: 1): unknown }>('vscode.git');
    assert.ok(vscode.extensions.getExtension('vscode.git-base'), 'Git Base is installed');
    assert.ok(git, 'Git is installed');
    const exports = await git.activate();
    assert.ok(exports.getAPI(1));
  });

  it('binds its keys only where VS Code itself binds nothing', async () => {
    const defaults = await vscode.workspace.openTextDocument(
      vscode.Uri.parse('vscode://defaultsettings/keybindings.json'),
    );
    const bindings = [...defaults.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)];
    const ours = bindings.filter(([, , command]) => command?.startsWith('tandem.')).map(([, key]) => key);
    assert.ok(ours.includes('ctrl+alt+l'), ours.join(', '));
    const taken = bindings.filter(
      ([, key, command]) => ours.includes(key) && !command?.startsWith('tandem.'),
    );
    assert.deepEqual(
      taken.map(([, key, command]) => `${key ?? ''} → ${command ?? ''}`),
      [],
    );
  });
});
