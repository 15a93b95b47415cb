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
    const outcome = await chat.send({ id: 'm-no-key', text: 'hello', attachments: [] });
    assert.equal(outcome.disposition, 'failed', JSON.stringify(outcome));
    assert.equal(outcome.disposition === 'failed' && outcome.error.code, 'missing-api-key');
    assert.equal(outcome.disposition === 'failed' && outcome.error.action, 'set-api-key');
    assert.equal(chat.busy, false);
    assert.deepEqual(chat.snapshot.entries, [], 'the message stays in the composer, not in the conversation');
  });

  it('lists a new chat first in the history and can switch back to it', async () => {
    const host = await (await tandemApi()).host();
    const first = host.chats.newChat();
    const second = host.chats.newChat();
    assert.equal(host.chats.activeChatId, second.id);
    assert.deepEqual(
      host.chats
        .listChats()
        .slice(0, 2)
        .map((chat) => chat.id),
      [second.id, first.id],
      'newest first, even when both were made in the same millisecond',
    );
    assert.ok(host.chats.openChat(first.id));
    assert.equal(host.chats.activeChatId, first.id);
    assert.equal(host.chats.listChats()[0]?.id, second.id, 'opening a chat does not move it up');
  });
});
