import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { compactionTokens } from '../../../../webview-ui/src/components/compaction-divider';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, mountPanel } from '../support/render-panel';

const chatId = 'c1';
const compacted: HostToWebviewMessage[] = [
  { type: HostMessageType.DidChangeChats, chats: [], activeChatId: chatId },
  loadChat(chatId, snapshotOf([], { context: { usedTokens: 171_000, windowTokens: 200_000 } })),
  {
    type: HostMessageType.DidAppendMessage,
    chatId,
    entry: { kind: 'user', id: 'u1', text: 'keep going', attachments: [] },
  },
  {
    type: HostMessageType.DidCompact,
    chatId,
    trigger: 'auto',
    summary: '## Goal\nRename the **parser**.',
    tokensBefore: 171_000,
    tokensAfter: 12_400,
  },
];

describe('the compaction divider', () => {
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

  it('marks where the conversation was compacted, folded, with the summary readable when opened', async () => {
    panel = await mountPanel(compacted);
    const divider = panel.container.querySelector('details.compaction') as HTMLDetailsElement | null;
    assert.ok(divider, 'a divider after the person’s message');
    assert.equal(divider.open, false, 'folded: the rows above are what the person reads');
    assert.equal(
      divider.querySelector('summary')?.textContent,
      'Conversation compacted to fit the context window171k → 12k tokens',
    );
    assert.equal(
      divider.querySelector('.compaction-summary strong')?.textContent,
      'parser',
      'rendered as markdown',
    );
  });

  it('says only the size before when an old transcript did not record the size after', () => {
    assert.equal(compactionTokens({ tokensBefore: 150_000 }), '150k tokens');
    assert.equal(compactionTokens({ tokensBefore: 150_000, tokensAfter: 9_500 }), '150k → 9.5k tokens');
  });
});
