import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { tandemApi } from './tandem-api';

describe('the chat panel', () => {
  before(async () => {
    await vscode.workspace
      .getConfiguration('tandem')
      .update('provider', 'anthropic', vscode.ConfigurationTarget.Global);
  });

  it('explains a missing API key in the chat and offers Set API Key', async function () {
    if (process.env['ANTHROPIC_API_KEY'] || process.env['ANTHROPIC_AUTH_TOKEN']) this.skip();
    const api = await tandemApi();
    const host = await api.host();
    const chat = host.chats.newChat();
    await chat.send('hello');
    const notice = chat.log.entries.find((entry) => entry.kind === 'notice');
    assert.ok(notice && notice.kind === 'notice', JSON.stringify(chat.log.entries));
    assert.equal(notice.code, 'missing-api-key');
    assert.equal(notice.action, 'set-api-key');
    assert.equal(chat.busy, false);
    assert.equal(chat.log.entries[0]?.kind, 'user');
  });

  it('lists a new chat first in the history and can switch back to it', async () => {
    const host = await (await tandemApi()).host();
    const first = host.chats.newChat();
    const second = host.chats.newChat();
    assert.equal(host.chats.activeChatId, second.id);
    assert.ok(host.chats.openChat(first.id));
    assert.equal(host.chats.activeChatId, first.id);
    assert.ok(host.chats.listChats().some((chat) => chat.id === second.id));
  });
});
