import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, buttonNamed, mountPanel } from '../support/render-panel';

const chatId = 'c1';
const setup: HostToWebviewMessage[] = [
  {
    type: HostMessageType.DidChangeChats,
    chats: [{ id: chatId, title: 'Fix', busy: false, updatedAt: 1 }],
    activeChatId: chatId,
  },
  loadChat(
    chatId,
    snapshotOf([
      { kind: 'user', id: 'u1', text: 'before checkpoints', attachments: [] },
      { kind: 'user', id: 'u2', text: 'fix it', attachments: [], checkpointId: 4 },
    ]),
  ),
];

describe('rewinds on a message of the person', () => {
  let dom: DomEnvironment;
  let panel: MountedPanel;
  before(() => {
    dom = installDom();
  });
  beforeEach(async () => {
    panel = await mountPanel(setup);
  });
  afterEach(async () => {
    await panel.unmount();
  });
  after(async () => {
    await dom.dispose();
  });

  it('offers the four rewinds on a message with a checkpoint only, and asks the host for the chosen one', async () => {
    assert.equal(panel.container.querySelectorAll('.rewind-actions').length, 1);
    await panel.act(() => buttonNamed(panel.container, 'Restore files to before this message').click());
    await panel.act(() => buttonNamed(panel.container, 'Fork a new chat from before this message').click());
    assert.deepEqual(panel.posted.slice(-2), [
      { type: WebviewMessageType.RewindCommand, chatId, entryId: 'u2', mode: 'files' },
      { type: WebviewMessageType.RewindCommand, chatId, entryId: 'u2', mode: 'fork' },
    ]);
  });

  it('shows a message its checkpoint once the host says it took one', async () => {
    await panel.receive({ type: HostMessageType.DidTakeCheckpoint, chatId, entryId: 'u1', checkpointId: 3 });
    assert.equal(panel.container.querySelectorAll('.rewind-actions').length, 2);
  });

  it('waits with restores while the chat works, but still forks', async () => {
    await panel.receive({ type: HostMessageType.DidStartTurn, chatId });
    assert.equal(
      buttonNamed(panel.container, 'Restore files and conversation to before this message').disabled,
      true,
    );
    assert.equal(buttonNamed(panel.container, 'Fork a new chat from before this message').disabled, false);
  });
});
