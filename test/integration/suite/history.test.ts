import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { eventually, tandemApi } from './tandem-api';

describe('the chat history commands', () => {
  async function savedChat(): Promise<string> {
    const host = await (await tandemApi()).host();
    const id = randomUUID();
    const sink = host.sessions.sink(id);
    sink.append({
      type: 'message',
      message: { role: 'user', content: [{ type: 'text', text: 'Why is the cache stale?' }] },
      timestamp: Date.now(),
    });
    sink.append({
      type: 'message',
      message: { role: 'assistant', content: [{ type: 'text', text: 'The key ignores the locale.' }] },
      timestamp: Date.now(),
    });
    return id;
  }

  it('exports a saved chat as a Markdown document', async () => {
    const id = await savedChat();
    await vscode.commands.executeCommand('tandem.exportChat', id);
    const editor = await eventually(() =>
      vscode.window.activeTextEditor?.document.languageId === 'markdown'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.match(
      editor.document.getText(),
      /^# Why is the cache stale\?\n[\s\S]*The key ignores the locale\./,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps sessions in the workspace’s own storage, and lists a saved one by its first words', async () => {
    const host = await (await tandemApi()).host();
    const id = await savedChat();
    assert.ok(existsSync(host.sessions.pathOf(id)));
    assert.ok(host.sessions.directory.includes('workspaceStorage'), host.sessions.directory);
    const listed = host.history.list().find((chat) => chat.id === id);
    assert.equal(listed?.title, 'Why is the cache stale?');
    assert.deepEqual(host.history.rename(id, 'Stale cache'), { ok: true });
    assert.equal(host.history.list().find((chat) => chat.id === id)?.title, 'Stale cache');
    assert.deepEqual(await host.history.delete(id), { ok: true });
    assert.equal(existsSync(host.sessions.pathOf(id)), false, 'moved to the trash');
  });
});
