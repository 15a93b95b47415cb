import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, buttonNamed, mountPanel, typeInto } from '../support/render-panel';

const chatId = 'c1';
const proposal = (requestId: string, path: string): HostToWebviewMessage => ({
  type: HostMessageType.DidProposeEdit,
  chatId,
  requestId,
  path,
  diff: '@@ -1 +1 @@\n-a\n+b',
  language: 'typescript',
});
const twoEdits: HostToWebviewMessage[] = [
  { type: HostMessageType.DidChangeChats, chats: [], activeChatId: chatId },
  loadChat(chatId, snapshotOf([], { busy: true })),
  proposal('e1', 'a.ts'),
  proposal('e2', 'b.ts'),
];

function card(panel: MountedPanel, path: string): HTMLElement {
  return panel.container.querySelector(`[aria-label="Edit ${path}"]`) as HTMLElement;
}

function cardStatus(panel: MountedPanel, path: string): string {
  return card(panel, path).querySelector('.card-status')?.textContent ?? '';
}

describe('review cards: decisions a person can trust', () => {
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

  it('rejects with one click, and a click on the next edit’s Accept answers that edit', async () => {
    panel = await mountPanel(twoEdits);
    await panel.act(() => buttonNamed(card(panel as MountedPanel, 'a.ts'), 'Reject').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerEditCommand,
      chatId,
      requestId: 'e1',
      answer: 'reject',
    });
    assert.equal(
      buttonNamed(card(panel, 'a.ts'), 'Accept').disabled,
      true,
      'no second answer while the first travels',
    );
    await panel.act(() => buttonNamed(card(panel as MountedPanel, 'b.ts'), 'Accept').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerEditCommand,
      chatId,
      requestId: 'e2',
      answer: 'accept',
    });
    await panel.receive({
      type: HostMessageType.DidResolveEdit,
      chatId,
      requestId: 'e1',
      status: 'rejected',
    });
    assert.equal(cardStatus(panel, 'a.ts'), 'Rejected');
    assert.equal(cardStatus(panel, 'b.ts'), 'Applying…', 'b.ts shows no outcome until the host has one');
  });

  it('takes a Reject’s reason from the message box, and empties the box once the host confirms', async () => {
    panel = await mountPanel(twoEdits);
    await typeInto(
      panel,
      panel.container.querySelector('textarea.composer-input') as HTMLTextAreaElement,
      'use a constant',
    );
    assert.match(card(panel, 'a.ts').textContent ?? '', /Reject sends your message as the reason\./);
    await panel.act(() => buttonNamed(card(panel as MountedPanel, 'a.ts'), 'Reject').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerEditCommand,
      chatId,
      requestId: 'e1',
      answer: 'reject',
      reason: 'use a constant',
    });
    await panel.receive({
      type: HostMessageType.DidResolveEdit,
      chatId,
      requestId: 'e1',
      status: 'rejected',
      reason: 'use a constant',
    });
    assert.equal((panel.container.querySelector('textarea.composer-input') as HTMLTextAreaElement).value, '');
    assert.match(card(panel, 'a.ts').textContent ?? '', /use a constant/);
  });

  it('shows what the host did: written and how, not written and why, or still open with the problem', async () => {
    panel = await mountPanel(twoEdits);
    await panel.act(() => buttonNamed(card(panel as MountedPanel, 'a.ts'), 'Accept').click());
    await panel.receive({
      type: HostMessageType.DidUpdateEdit,
      chatId,
      requestId: 'e1',
      problem: 'Not applied: your unsaved changes to a.ts (line 1) overlap this edit.',
    });
    assert.equal(cardStatus(panel, 'a.ts'), 'Waiting for review');
    assert.match(card(panel, 'a.ts').querySelector('[role="alert"]')?.textContent ?? '', /overlap this edit/);
    assert.equal(
      buttonNamed(card(panel, 'a.ts'), 'Accept').disabled,
      false,
      'the proposal is open for another look',
    );
    await panel.receive(
      {
        type: HostMessageType.DidResolveEdit,
        chatId,
        requestId: 'e1',
        status: 'written',
        detail: 'Merged with your unsaved changes to a.ts.',
      },
      {
        type: HostMessageType.DidResolveEdit,
        chatId,
        requestId: 'e2',
        status: 'refused',
        reason: 'Writing b.ts failed: read-only',
      },
    );
    assert.equal(cardStatus(panel, 'a.ts'), 'Written');
    assert.match(card(panel, 'a.ts').textContent ?? '', /Merged with your unsaved changes to a\.ts\./);
    assert.equal(cardStatus(panel, 'b.ts'), 'Not written');
    assert.match(card(panel, 'b.ts').textContent ?? '', /Writing b\.ts failed: read-only/);
  });

  it('denies a permission prompt with the message typed in the box as the word to the agent', async () => {
    panel = await mountPanel([
      ...twoEdits.slice(0, 2),
      {
        type: HostMessageType.DidRequestPermission,
        chatId,
        requestId: 'p1',
        toolName: 'Bash',
        title: 'rm -rf build',
        reason: 'asks',
      },
    ]);
    await typeInto(
      panel,
      panel.container.querySelector('textarea.composer-input') as HTMLTextAreaElement,
      'run make clean instead',
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Deny').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerPermissionCommand,
      chatId,
      requestId: 'p1',
      answer: 'deny',
      message: 'run make clean instead',
    });
  });

  it('leaves the focus in the message box when a prompt appears while the person types', async () => {
    panel = await mountPanel(twoEdits.slice(0, 2));
    const box = panel.container.querySelector('textarea.composer-input') as HTMLTextAreaElement;
    box.focus();
    await panel.receive({
      type: HostMessageType.DidRequestPermission,
      chatId,
      requestId: 'p1',
      toolName: 'Bash',
      title: 'rm -rf build',
      reason: 'asks',
    });
    assert.equal(document.activeElement, box, 'an Enter meant for the message cannot allow the command');
  });
});
