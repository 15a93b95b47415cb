import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TandemHost } from '../../../src/host/tandem-host';
import type { HostToWebviewMessage } from '../../../src/protocol/host-to-webview-message';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

type Posted<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;

/**
 * A rewind from a message of the panel, in the real extension host: a reviewed edit the person
 * accepted and a created file are part of the turn's checkpoint; "Restore files and conversation"
 * shows the native quick pick of files, and accepting it puts everything back as it was.
 */
describe('rewinding from the panel', () => {
  const model = new ScriptedModelServer();
  const posted: HostToWebviewMessage[] = [];
  let host: TandemHost;
  let restore: () => void = () => {};

  before(async () => {
    const { url } = await model.start();
    const api = await tandemApi();
    const configuration = vscode.workspace.getConfiguration('tandem');
    await configuration.update('provider', 'anthropic', vscode.ConfigurationTarget.Global);
    await configuration.update('anthropic.baseUrl', url, vscode.ConfigurationTarget.Global);
    await configuration.update('permissionMode', 'default', vscode.ConfigurationTarget.Global);
    await api.keys.store('anthropic', 'sk-ant-integration');
    host = await api.host();
    const post = api.view.post.bind(api.view);
    api.view.post = (message) => {
      posted.push(message);
      post(message);
    };
    restore = () => {
      api.view.post = post;
    };
  });

  after(async () => {
    restore();
    const api = await tandemApi();
    await api.keys.delete('anthropic');
    await vscode.workspace
      .getConfiguration('tandem')
      .update('anthropic.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await model.close();
  });

  function last<T extends HostToWebviewMessage['type']>(type: T, chatId: string): Posted<T> | undefined {
    return posted.findLast(
      (message): message is Posted<T> =>
        message.type === type && 'chatId' in message && message.chatId === chatId,
    );
  }

  it('restores a reviewed edit and a created file, and rewinds the chat, from the message’s own row', async () => {
    const folder = mkdtempSync(join(workspaceRoot(), 'panel-rewind-'));
    const edited = join(folder, 'greet.py');
    const created = join(folder, 'notes.md');
    writeFileSync(edited, 'print("hello")\r\n');
    model.enqueue(
      [{ toolUse: { name: 'Read', input: { file_path: edited } } }],
      [
        {
          toolUse: { name: 'Edit', input: { file_path: edited, old_string: '"hello"', new_string: '"hi"' } },
        },
        { toolUse: { name: 'Write', input: { file_path: created, content: '# notes\n' } } },
      ],
      [{ text: 'Done.' }],
    );
    const chat = host.chats.newChat();
    const chatId = chat.id;
    await host.handle({
      type: 'send-message',
      requestId: 'rewind-m1',
      chatId,
      text: 'greet briefly',
      attachments: [],
    });
    for (let answered = 0; answered < 2;) {
      const proposal = await eventually(() =>
        posted.find(
          (message): message is Posted<'did-propose-edit'> =>
            message.type === 'did-propose-edit' &&
            message.chatId === chatId &&
            !posted.some(
              (other) => other.type === 'did-resolve-edit' && other.requestId === message.requestId,
            ),
        ),
      );
      await host.handle({ type: 'answer-edit', chatId, requestId: proposal.requestId, answer: 'accept' });
      await eventually(() =>
        posted.some((m) => m.type === 'did-resolve-edit' && m.requestId === proposal.requestId)
          ? true
          : undefined,
      );
      answered += 1;
    }
    await eventually(() => last('did-end-turn', chatId));
    assert.equal(readFileSync(edited, 'utf8'), 'print("hi")\r\n');
    assert.equal(existsSync(created), true);
    const taken = await eventually(() => last('did-take-checkpoint', chatId));
    assert.equal(taken.entryId, 'rewind-m1');

    // The quick pick of files is the plan; Enter (accept) restores the ticked files.
    const rewinding = host.handle({ type: 'rewind', chatId, entryId: 'rewind-m1', mode: 'both' });
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return last('did-rewind-chat', chatId);
    });
    await rewinding;
    assert.equal(readFileSync(edited, 'utf8'), 'print("hello")\r\n');
    assert.equal(existsSync(created), false);
    const rewound = last('did-rewind-chat', chatId);
    assert.equal(rewound?.prompt, 'greet briefly');
    assert.deepEqual(rewound?.chat.entries, []);
    assert.deepEqual(host.chats.session(chatId)?.snapshot.entries, []);
  });
});
