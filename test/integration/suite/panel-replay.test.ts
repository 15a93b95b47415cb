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
 * The host side of a webview that comes and goes, in the real extension host: the real TandemHost
 * and its panel controller, a scripted Anthropic server, and a spy on what it posts to the view.
 */
describe('the panel host: replay to a new webview, and what Accept really did', () => {
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

  /** The newest message of `type` (for `requestId`) posted since the current test's message was sent. */
  function last<T extends HostToWebviewMessage['type']>(type: T, requestId?: string): Posted<T> | undefined {
    return posted
      .slice(since)
      .findLast(
        (message): message is Posted<T> =>
          message.type === type &&
          (requestId === undefined || ('requestId' in message && message.requestId === requestId)),
      );
  }

  let since = 0;
  async function send(text: string): Promise<string> {
    since = posted.length;
    const chat = host.chats.newChat();
    await host.handle({
      type: 'send-message',
      requestId: `m-${Date.now()}`,
      chatId: chat.id,
      text,
      attachments: [],
    });
    return chat.id;
  }

  it('replays a waiting permission prompt to a new webview, which can answer it', async () => {
    const marker = join(mkdtempSync(join(workspaceRoot(), 'replay-')), 'ran.txt');
    model.enqueue(
      [
        {
          toolUse: {
            name: 'Bash',
            input: { command: `echo ran > ${marker}`, description: 'Write a marker' },
          },
        },
      ],
      [{ text: 'It ran.' }],
    );
    const chatId = await send('write the marker');
    const prompt = await eventually(() => last('did-request-permission'));
    await host.handle({ type: 'ready' });
    const replayed = last('did-load-chat');
    assert.equal(replayed?.chatId, chatId);
    assert.equal(replayed?.chat.busy, true, 'the new webview shows Stop');
    const card = replayed?.chat.entries.find((entry) => entry.id === prompt.requestId);
    assert.equal(card?.kind === 'permission' && card.status, 'pending');
    await host.handle({
      type: 'answer-permission',
      chatId,
      requestId: prompt.requestId,
      answer: 'allow-once',
    });
    await eventually(() => last('did-end-turn'));
    assert.equal(readFileSync(marker, 'utf8'), 'ran\n');
  });

  it('writes an accepted edit merged with the line the person typed meanwhile, and says so', async () => {
    const file = join(mkdtempSync(join(workspaceRoot(), 'replay-')), 'hello.py');
    writeFileSync(file, 'print("hello")\n');
    model.enqueue(
      [{ toolUse: { name: 'Read', input: { file_path: file } } }],
      [
        {
          toolUse: {
            name: 'Edit',
            input: { file_path: file, old_string: '"hello"', new_string: '"hello, world"' },
          },
        },
      ],
      [{ text: 'Done.' }],
    );
    const chatId = await send('greet the world');
    const proposal = await eventually(() => last('did-propose-edit'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), 'print("mine")\n'));
    await host.handle({ type: 'answer-edit', chatId, requestId: proposal.requestId, answer: 'accept' });
    const resolved = await eventually(() => last('did-resolve-edit', proposal.requestId));
    assert.equal(resolved.status, 'written');
    assert.equal(resolved.detail, 'Merged with your unsaved changes to hello.py.');
    assert.equal(readFileSync(file, 'utf8'), 'print("hello, world")\nprint("mine")\n');
  });

  it('keeps an overlapping edit open with the problem, then settles it as the person rejects it', async () => {
    const file = join(mkdtempSync(join(workspaceRoot(), 'replay-')), 'clash.py');
    writeFileSync(file, 'print("hello")\n');
    model.enqueue(
      [{ toolUse: { name: 'Read', input: { file_path: file } } }],
      [
        {
          toolUse: {
            name: 'Edit',
            input: { file_path: file, old_string: '"hello"', new_string: '"theirs"' },
          },
        },
      ],
      [{ text: 'Left it.' }],
    );
    const chatId = await send('change the greeting');
    const proposal = await eventually(() => last('did-propose-edit'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await editor.edit((builder) => builder.replace(editor.document.lineAt(0).range, 'print("mine")'));
    await host.handle({ type: 'answer-edit', chatId, requestId: proposal.requestId, answer: 'accept' });
    const problem = await eventually(() => last('did-update-edit', proposal.requestId));
    assert.match(problem.problem, /overlap this edit/);
    assert.equal(last('did-resolve-edit', proposal.requestId), undefined, 'still open for another look');
    await host.handle({ type: 'answer-edit', chatId, requestId: proposal.requestId, answer: 'reject' });
    assert.equal((await eventually(() => last('did-resolve-edit', proposal.requestId))).status, 'rejected');
    assert.equal(editor.document.getText(), 'print("mine")\n');
    assert.equal(existsSync(file) && readFileSync(file, 'utf8'), 'print("hello")\n');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('adds a selection from an editor command to the shown chat’s draft and reveals the view', async () => {
    const chat = host.chats.newChat();
    since = posted.length;
    const selection = { kind: 'selection' as const, path: 'README.md', range: { startLine: 0, endLine: 1 } };
    await host.attach(selection);
    assert.deepEqual(chat.snapshot.draft.attachments, [selection]);
    assert.deepEqual(last('did-change-draft')?.draft.attachments, [selection]);
    const api = await tandemApi();
    await eventually(() => (api.view.view?.visible ? true : undefined));
  });
});
