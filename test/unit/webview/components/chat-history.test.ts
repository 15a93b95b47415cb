import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import type { WebviewToHostMessage } from '../../../../src/protocol/webview-to-host-message';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, buttonNamed, mountPanel, pressKey, typeInto } from '../support/render-panel';

const setup: HostToWebviewMessage[] = [
  {
    type: HostMessageType.DidChangeChats,
    chats: [
      { id: 'c1', title: 'Fix the build', busy: false, updatedAt: 3 },
      { id: 'c2', title: 'Dark mode toggle', busy: false, updatedAt: 2 },
      { id: 'c3', title: 'Cookie lifetime', busy: false, updatedAt: 1 },
    ],
    activeChatId: 'c1',
  },
  loadChat('c1', snapshotOf([])),
];

describe('the chat history in the panel', () => {
  let dom: DomEnvironment;
  let panel: MountedPanel | undefined;

  beforeEach(() => {
    dom = installDom();
  });
  afterEach(async () => {
    await panel?.unmount();
    panel = undefined;
    await dom.dispose();
  });

  async function openHistory(): Promise<MountedPanel> {
    const mounted = await mountPanel(setup);
    await mounted.act(() => buttonNamed(mounted.container, 'Chat history').click());
    return mounted;
  }
  const titles = (mounted: MountedPanel) =>
    [...mounted.container.querySelectorAll('.chat-history-item .chat-title')].map(
      (title) => title.textContent,
    );
  const searchBox = (mounted: MountedPanel) =>
    mounted.container.querySelector('input[aria-label="Search chats"]') as HTMLInputElement;
  async function posted<T extends WebviewToHostMessage['type']>(
    mounted: MountedPanel,
    type: T,
  ): Promise<Extract<WebviewToHostMessage, { type: T }>> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const found = mounted.posted.find((message) => message.type === type);
      if (found) return found as Extract<WebviewToHostMessage, { type: T }>;
      await mounted.act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)).then(() => undefined));
    }
    throw new Error(`nothing of type ${type} was posted`);
  }

  it('filters titles as the person types, then shows conversation matches with their text', async () => {
    panel = await openHistory();
    await typeInto(panel, searchBox(panel), 'COOKIE');
    assert.deepEqual(titles(panel), ['Cookie lifetime'], 'titles at once');
    assert.match(panel.container.textContent ?? '', /Searching conversations/);
    const request = await posted(panel, WebviewMessageType.SearchChatsRequest);
    assert.equal(request.query, 'cookie');
    await panel.receive({
      type: HostMessageType.SearchChatsReply,
      requestId: request.requestId,
      matches: [
        { chatId: 'c3', snippet: null },
        { chatId: 'c1', snippet: '…the session cookie expired after a minute…' },
      ],
    });
    assert.deepEqual(titles(panel), ['Fix the build', 'Cookie lifetime']);
    assert.match(panel.container.textContent ?? '', /the session cookie expired after a minute/);
    assert.doesNotMatch(panel.container.textContent ?? '', /Searching conversations/);
  });

  it('ignores the answer to a search the person has typed past', async () => {
    panel = await openHistory();
    await typeInto(panel, searchBox(panel), 'cookie');
    const first = await posted(panel, WebviewMessageType.SearchChatsRequest);
    await typeInto(panel, searchBox(panel), 'dark');
    await panel.receive({
      type: HostMessageType.SearchChatsReply,
      requestId: first.requestId,
      matches: [{ chatId: 'c1', snippet: 'cookie text' }],
    });
    assert.deepEqual(titles(panel), ['Dark mode toggle']);
  });

  it('renames inline: Enter sends the new title, Escape leaves it as it was', async () => {
    panel = await openHistory();
    await panel.act(() => buttonNamed(panel!.container, 'Rename Dark mode toggle').click());
    const field = panel.container.querySelector(
      'input[aria-label="New title for Dark mode toggle"]',
    ) as HTMLInputElement;
    await typeInto(panel, field, 'Theme switch');
    await pressKey(panel, field, { key: 'Enter' });
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.RenameChatCommand,
      chatId: 'c2',
      title: 'Theme switch',
    });
    const count = panel.posted.length;
    await panel.act(() => buttonNamed(panel!.container, 'Rename Fix the build').click());
    const other = panel.container.querySelector(
      'input[aria-label="New title for Fix the build"]',
    ) as HTMLInputElement;
    await typeInto(panel, other, 'never sent');
    await pressKey(panel, other, { key: 'Escape' });
    assert.equal(panel.posted.length, count);
  });

  it('exports and deletes a chat, and opens the memory, through the host', async () => {
    panel = await openHistory();
    await panel.act(() => buttonNamed(panel!.container, 'Export Cookie lifetime').click());
    await panel.act(() => buttonNamed(panel!.container, 'Delete Cookie lifetime').click());
    await panel.act(() => buttonNamed(panel!.container, 'Memory').click());
    assert.deepEqual(panel.posted.slice(-3), [
      { type: WebviewMessageType.ExportChatCommand, chatId: 'c3' },
      { type: WebviewMessageType.DeleteChatCommand, chatId: 'c3' },
      { type: WebviewMessageType.ShowMemoryCommand },
    ]);
  });
});
