import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { eventually, extensionId, tandemApi } from './tandem-api';

describe('activation', () => {
  it('activates in a real VS Code with the fixture workspace open', async () => {
    await tandemApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  it('reports how long its own activation took (read by bench/activation.ts)', async () => {
    const { activation } = await tandemApi();
    assert.ok(activation.activateMs > 0 && activation.evaluateMs > 0, JSON.stringify(activation));
    const benchOut = process.env['TANDEM_BENCH_OUT'];
    if (benchOut) writeFileSync(benchOut, JSON.stringify(activation));
  });

  it('registers every Tandem command in the command palette', async () => {
    await tandemApi();
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'tandem.newChat',
      'tandem.focusChat',
      'tandem.stop',
      'tandem.showHistory',
      'tandem.searchChats',
      'tandem.renameChat',
      'tandem.deleteChat',
      'tandem.exportChat',
      'tandem.showMemory',
      'tandem.setApiKey',
      'tandem.selectModel',
      'tandem.openSettings',
    ]) {
      assert.ok(commands.has(id), `${id} is registered`);
    }
  });

  it('shows the Tandem view with a strict content security policy when focused', async () => {
    const api = await tandemApi();
    await vscode.commands.executeCommand('tandem.focusChat');
    const view = await eventually(() => api.view.view);
    const html = view.webview.html;
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:\/\/(?!.*vscode)/);
    const roots = view.webview.options.localResourceRoots?.map((uri) => uri.path) ?? [];
    assert.equal(roots.length, 2);
    assert.ok(roots[0]?.endsWith('/dist/webview'), roots[0]);
    assert.ok(roots[1]?.endsWith('/media'), roots[1]);
  });
});
