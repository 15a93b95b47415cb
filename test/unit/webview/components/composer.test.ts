import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, buttonNamed, mountPanel, pressKey, typeInto } from '../support/render-panel';

const chatId = 'c1';
const connect: HostToWebviewMessage[] = [
  {
    type: HostMessageType.DidChangeChats,
    chats: [{ id: chatId, title: '', busy: false, updatedAt: 1 }],
    activeChatId: chatId,
  },
  loadChat(chatId, snapshotOf([])),
];

function composer(panel: MountedPanel): HTMLTextAreaElement {
  return panel.container.querySelector('textarea.composer-input') as HTMLTextAreaElement;
}

function status(panel: MountedPanel): string {
  return panel.container.querySelector('.composer-status')?.textContent ?? '';
}

async function typeAndEnter(panel: MountedPanel, text: string): Promise<void> {
  await typeInto(panel, composer(panel), text);
  await pressKey(panel, composer(panel), { key: 'Enter' });
}

describe('the composer: nothing typed is lost', () => {
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

  it('keeps a message typed before the host answers, says it is connecting, and sends it once connected', async () => {
    panel = await mountPanel([]);
    assert.match(status(panel), /Connecting to Tandem… you can type already/);
    await typeAndEnter(panel, 'hello there');
    assert.equal(composer(panel).value, 'hello there', 'Enter before the host answered keeps the text');
    assert.match(status(panel), /sent as soon as it is ready/);
    await panel.receive(...connect);
    assert.equal(composer(panel).value, 'hello there', 'the host arriving does not clear the box');
    const [outgoing] = panel.store.getState().outbox;
    assert.equal(outgoing?.chatId, chatId, 'the waiting message goes to the chat the host shows');
    await panel.receive({
      type: HostMessageType.SendMessageReply,
      requestId: outgoing?.requestId ?? '',
      chatId,
      disposition: 'started',
    });
    assert.equal(composer(panel).value, '', 'the box empties once the host has the message');
  });

  it('keeps typing after Enter while the host has not answered, and sends that as the next message', async () => {
    panel = await mountPanel(connect);
    await typeAndEnter(panel, 'first');
    await typeInto(panel, composer(panel), 'firsts');
    await typeInto(panel, composer(panel), 'firstsecond');
    assert.equal(
      composer(panel).value,
      'first\nsecond',
      'what is typed goes on after the message being sent',
    );
    await typeInto(panel, composer(panel), 'firs\nsecond');
    assert.equal(composer(panel).value, 'first\nsecond', 'the message being sent cannot be edited any more');
    await pressKey(panel, composer(panel), { key: 'Enter' });
    const [first, second] = panel.store.getState().outbox;
    assert.deepEqual([first?.text, second?.text], ['first', 'second']);
    assert.equal(composer(panel).value, 'first\nsecond');
    await panel.receive({
      type: HostMessageType.SendMessageReply,
      requestId: second?.requestId ?? '',
      chatId,
      disposition: 'queued',
    });
    assert.equal(composer(panel).value, 'first', 'the replies may come in any order');
    await typeInto(panel, composer(panel), 'first\nthird');
    await panel.receive({
      type: HostMessageType.SendMessageReply,
      requestId: first?.requestId ?? '',
      chatId,
      disposition: 'failed',
      error: { code: 'internal', message: 'It broke.' },
    });
    assert.equal(composer(panel).value, 'first\nthird', 'a refused message comes back ahead of what follows');
  });

  it('keeps the text and says why when the host refuses the message', async () => {
    panel = await mountPanel(connect);
    await typeAndEnter(panel, 'hello');
    const [outgoing] = panel.store.getState().outbox;
    await panel.receive({
      type: HostMessageType.SendMessageReply,
      requestId: outgoing?.requestId ?? '',
      chatId,
      disposition: 'failed',
      error: { code: 'missing-api-key', message: 'No Anthropic API key.', action: 'set-api-key' },
    });
    assert.equal(composer(panel).value, 'hello');
    assert.match(
      panel.container.querySelector('[role="alert"]')?.textContent ?? '',
      /No Anthropic API key\./,
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Set API key').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.RunActionCommand,
      action: 'set-api-key',
    });
  });

  it('queues with Enter during a turn, and shows the queue under it, editable and removable', async () => {
    panel = await mountPanel([...connect, { type: HostMessageType.DidStartTurn, chatId }]);
    assert.match(
      status(panel),
      /Enter queues your message: it is sent when this turn ends\. Stop sends nothing\./,
    );
    buttonNamed(panel.container, 'Stop');
    await typeAndEnter(panel, 'next step');
    const [outgoing] = panel.store.getState().outbox;
    await panel.receive(
      {
        type: HostMessageType.DidChangeQueue,
        chatId,
        queue: [{ id: outgoing?.requestId ?? '', text: 'next step', attachments: [] }],
        hold: null,
      },
      {
        type: HostMessageType.SendMessageReply,
        requestId: outgoing?.requestId ?? '',
        chatId,
        disposition: 'queued',
      },
    );
    assert.equal(composer(panel).value, '');
    const queue = panel.container.querySelector('[aria-label="Queued messages"]');
    assert.match(
      queue?.textContent ?? '',
      /Queued: sent when this turn ends \(Stop keeps them unsent\)\.next step/,
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Edit queued message').click());
    const editor = panel.container.querySelector('.queued-message-editing textarea') as HTMLTextAreaElement;
    await typeInto(panel, editor, 'next step, but smaller');
    await panel.act(() => buttonNamed(panel?.container as Element, 'Save').click());
    const edited = panel.posted.at(-1);
    assert.deepEqual(
      { ...edited, requestId: undefined },
      {
        type: WebviewMessageType.ChangeQueuedMessageRequest,
        requestId: undefined,
        chatId,
        messageId: outgoing?.requestId,
        action: 'edit',
        text: 'next step, but smaller',
      },
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Remove queued message').click());
    const removed = panel.posted.at(-1);
    assert.equal(
      removed?.type === WebviewMessageType.ChangeQueuedMessageRequest ? removed.action : '',
      'remove',
    );
  });

  it('gives an edited queued message back to the box when it had been sent meanwhile', async () => {
    panel = await mountPanel([
      ...connect,
      { type: HostMessageType.DidStartTurn, chatId },
      {
        type: HostMessageType.DidChangeQueue,
        chatId,
        queue: [{ id: 'q1', text: 'old', attachments: [] }],
        hold: null,
      },
    ]);
    await panel.act(() => buttonNamed(panel?.container as Element, 'Edit queued message').click());
    await typeInto(
      panel,
      panel.container.querySelector('.queued-message-editing textarea') as HTMLTextAreaElement,
      'new',
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Save').click());
    const request = panel.posted.at(-1);
    await panel.receive({
      type: HostMessageType.ChangeQueuedMessageReply,
      requestId: request?.type === WebviewMessageType.ChangeQueuedMessageRequest ? request.requestId : '',
      chatId,
      error: { code: 'not-queued', message: 'That message had already been sent.' },
    });
    assert.equal(composer(panel).value, 'new');
    assert.match(status(panel), /already been sent\. Your text is back in the message box\./);
  });

  it('says a stopped turn left the queue unsent, and sends it on request', async () => {
    panel = await mountPanel([
      ...connect,
      {
        type: HostMessageType.DidChangeQueue,
        chatId,
        queue: [{ id: 'q1', text: 'later', attachments: [] }],
        hold: 'stopped',
      },
    ]);
    assert.match(
      panel.container.querySelector('.queued-header')?.textContent ?? '',
      /Not sent: you stopped the turn\./,
    );
    await panel.act(() => buttonNamed(panel?.container as Element, 'Send now').click());
    assert.deepEqual(panel.posted.at(-1), { type: WebviewMessageType.SendQueuedCommand, chatId });
  });

  it('shows how full the context window is, and a retry as a banner with the wait', async () => {
    panel = await mountPanel([
      ...connect,
      { type: HostMessageType.DidChangeContext, chatId, usedTokens: 50_000, windowTokens: 200_000 },
      {
        type: HostMessageType.DidRetry,
        chatId,
        attempt: 1,
        maxAttempts: 3,
        delayMs: 2_000,
        message: 'Rate limited',
      },
    ]);
    const meter = panel.container.querySelector('[role="meter"]');
    assert.equal(meter?.getAttribute('aria-valuetext'), '50k / 200k tokens (25%)');
    const banner = panel.container.querySelector('.retry-banner')?.textContent ?? '';
    assert.match(banner, /Rate limited.*Retrying in 2 s \(attempt 1 of 3\)/);
    await panel.receive({ type: HostMessageType.DidStreamText, chatId, text: 'back' });
    assert.equal(
      panel.container.querySelector('.retry-banner'),
      null,
      'the banner goes once the answer streams',
    );
  });
});
