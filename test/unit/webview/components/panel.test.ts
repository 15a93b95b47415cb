import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, longConversation, snapshotOf } from '../support/host-messages';
import {
  type MountedPanel,
  accessibleName,
  buttonNamed,
  mountPanel,
  pressKey,
} from '../support/render-panel';

const chatId = 'c1';
const setup: HostToWebviewMessage[] = [
  {
    type: HostMessageType.DidChangeChats,
    chats: [{ id: chatId, title: 'Fix the build', busy: false, updatedAt: 1 }],
    activeChatId: chatId,
  },
  {
    type: HostMessageType.DidChangeState,
    mode: 'default',
    model: 'sonnet',
    models: [
      { id: 'sonnet', label: 'Claude Sonnet' },
      { id: 'gpt', label: 'GPT' },
    ],
    trusted: true,
  },
  loadChat(chatId, snapshotOf([])),
];

const everyKind: HostToWebviewMessage[] = [
  ...setup,
  { type: HostMessageType.DidStartTurn, chatId },
  {
    type: HostMessageType.DidAppendMessage,
    chatId,
    entry: { kind: 'user', id: 'u1', text: 'please fix', attachments: [{ kind: 'file', path: 'src/a.ts' }] },
  },
  {
    type: HostMessageType.DidStreamText,
    chatId,
    text: 'Look:\n```ts\nconst a = 1;\n```\n<img src=x onerror="alert(1)">',
  },
  { type: HostMessageType.DidStartTool, chatId, toolUseId: 't1', name: 'Read', summary: 'src/a.ts' },
  {
    type: HostMessageType.DidEndTool,
    chatId,
    toolUseId: 't1',
    name: 'Read',
    status: 'done',
    durationMs: 12,
    resultPreview: 'const a = 1;',
    isError: false,
  },
  {
    type: HostMessageType.DidChangeTodos,
    chatId,
    todos: [{ content: 'Run tests', status: 'in_progress', activeForm: 'Running tests' }],
  },
  {
    type: HostMessageType.DidProposeEdit,
    chatId,
    requestId: 'e1',
    path: 'src/a.ts',
    diff: '@@ -1 +1 @@\n-const a = 1;\n+const a = 2;',
    language: 'typescript',
  },
  {
    type: HostMessageType.DidRequestPermission,
    chatId,
    requestId: 'p1',
    toolName: 'Bash',
    title: 'npm test',
    reason: 'runs a command',
    suggestedRule: 'Bash(npm test:*)',
  },
];

describe('the chat panel', () => {
  let dom: DomEnvironment;
  let panel: MountedPanel | undefined;
  before(() => {
    dom = installDom();
  });
  afterEach(async () => {
    await panel?.unmount();
    panel = undefined;
  });
  after(async () => {
    await dom.dispose();
  });

  it('gives every control an accessible name, with the names people look for', async () => {
    panel = await mountPanel(everyKind);
    const controls = [...panel.container.querySelectorAll('button, select, textarea, input')];
    assert.ok(controls.length > 10);
    for (const control of controls)
      assert.notEqual(accessibleName(control), '', control.outerHTML.slice(0, 120));
    for (const name of [
      'Allow',
      'Allow always',
      'Deny',
      'Accept',
      'Reject',
      'Open diff',
      'Stop',
      'New chat',
      'Chat history',
      'Copy',
      'Attach',
    ]) {
      buttonNamed(panel.container, name);
    }
    assert.equal(accessibleName(panel.container.querySelector('textarea') as Element), 'Message Tandem');
    const selects = [...panel.container.querySelectorAll('select')].map(accessibleName);
    assert.deepEqual(selects, ['Model', 'Mode']);
  });

  it('shows HTML in model text as text, never as elements', async () => {
    panel = await mountPanel(everyKind);
    assert.equal(panel.container.querySelector('img'), null);
    assert.ok(
      panel.container.querySelector('.markdown')?.textContent?.includes('<img src=x onerror="alert(1)">'),
    );
  });

  it('shows the in-progress todo and the tool card, whose result expands on click', async () => {
    panel = await mountPanel(everyKind);
    assert.ok(panel.container.querySelector('.todo-current')?.textContent?.includes('Running tests'));
    const card = panel.container.querySelector('.tool-card-header') as HTMLButtonElement;
    assert.equal(accessibleName(card), 'Read src/a.ts, done, 12 ms');
    assert.equal(panel.container.querySelector('.tool-result'), null);
    await panel.act(() => card.click());
    assert.equal(panel.container.querySelector('.tool-result')?.textContent, 'const a = 1;');
  });

  it('focuses a permission prompt; Enter allows once', async () => {
    panel = await mountPanel(everyKind);
    const prompt = panel.container.querySelector('.permission-prompt') as HTMLElement;
    assert.equal(document.activeElement, prompt);
    await pressKey(panel, prompt, { key: 'Enter' });
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerPermissionCommand,
      chatId,
      requestId: 'p1',
      answer: 'allow-once',
    });
    const allow = buttonNamed(panel.container, 'Allow');
    assert.equal(allow.disabled, true, 'a second answer cannot be given while the first is on its way');
    await panel.receive({
      type: HostMessageType.DidResolvePermission,
      chatId,
      requestId: 'p1',
      status: 'allow-once',
    });
    assert.equal(panel.container.querySelector('.permission-prompt .card-actions'), null);
    assert.equal(
      panel.container.querySelector('.permission-prompt .card-status')?.textContent,
      'Allowed once',
    );
  });

  it('denies a permission prompt with Escape and always-allows with its button', async () => {
    panel = await mountPanel(everyKind);
    await pressKey(panel, panel.container.querySelector('.permission-prompt') as HTMLElement, {
      key: 'Escape',
    });
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerPermissionCommand,
      chatId,
      requestId: 'p1',
      answer: 'deny',
    });
    await panel.receive({
      type: HostMessageType.DidResolvePermission,
      chatId,
      requestId: 'p1',
      status: 'deny',
    });
    await panel.receive({
      type: HostMessageType.DidRequestPermission,
      chatId,
      requestId: 'p2',
      toolName: 'Bash',
      title: 'ls',
      reason: 'r',
    });
    await panel.act(() => buttonNamed(panel?.container as Element, 'Allow always').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerPermissionCommand,
      chatId,
      requestId: 'p2',
      answer: 'allow-always',
    });
  });

  it('numbers the lines of an edit preview', async () => {
    panel = await mountPanel(everyKind);
    const numbers = [...panel.container.querySelectorAll('.edit-preview .diff-line')].map((row) =>
      [...row.querySelectorAll('.diff-number')].map((cell) => cell.textContent).join('|'),
    );
    assert.deepEqual(numbers, ['|', '1|', '|1']);
  });

  it('opens the attach menu on @ and asks the host for the selection, which lands in the draft', async () => {
    panel = await mountPanel(setup);
    const textarea = panel.container.querySelector('textarea') as HTMLTextAreaElement;
    await pressKey(panel, textarea, { key: '@' });
    await panel.act(() => buttonNamed(panel?.container as Element, 'Selection').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AttachCommand,
      chatId,
      kind: 'selection',
    });
    const attachment = { kind: 'selection' as const, path: 'src/b.ts', range: { startLine: 0, endLine: 2 } };
    await panel.receive({
      type: HostMessageType.DidChangeDraft,
      chatId,
      draft: { text: '', attachments: [attachment] },
    });
    await panel.act(() => buttonNamed(panel?.container as Element, 'Remove src/b.ts:1-2').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.RemoveAttachmentCommand,
      chatId,
      attachment,
    });
  });

  it('keeps a 2,000-message conversation to a small window of rows in the page', async () => {
    panel = await mountPanel([...setup, loadChat(chatId, snapshotOf(longConversation(2000)))]);
    const rows = panel.container.querySelectorAll('.virtual-row').length;
    assert.ok(rows > 0 && rows < 60, `rendered ${rows} rows`);
  });

  it('lists chats with a busy indicator and opens one', async () => {
    panel = await mountPanel([
      ...setup,
      {
        type: HostMessageType.DidChangeChats,
        chats: [
          { id: chatId, title: 'Fix the build', busy: false, updatedAt: 2 },
          { id: 'c2', title: 'Refactor', busy: true, updatedAt: 1 },
        ],
        activeChatId: chatId,
      },
    ]);
    await panel.act(() => buttonNamed(panel?.container as Element, 'Chat history').click());
    const refactor = [...panel.container.querySelectorAll('.chat-history-item')].find((item) =>
      item.textContent?.includes('Refactor'),
    );
    assert.ok(refactor?.querySelector('[aria-label="running"]'));
    await panel.act(() => (refactor as HTMLButtonElement).click());
    assert.deepEqual(panel.posted.at(-1), { type: WebviewMessageType.OpenChatCommand, chatId: 'c2' });
  });
});
