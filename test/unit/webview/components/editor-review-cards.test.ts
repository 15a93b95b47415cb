import { strict as assert } from 'node:assert';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { HostMessageType, WebviewMessageType } from '../../../../src/protocol/message-type';
import { type DomEnvironment, installDom } from '../support/dom-environment';
import { loadChat, snapshotOf } from '../support/host-messages';
import { type MountedPanel, buttonNamed, mountPanel } from '../support/render-panel';

const chatId = 'c1';
const proposal = (requestId: string, path: string): HostToWebviewMessage => ({
  type: HostMessageType.DidProposeEdit,
  chatId,
  requestId,
  path,
  diff: '@@ -1,3 +1,3 @@\n-a\n+A\n b\n-c\n+C',
  language: 'typescript',
});
const opening: HostToWebviewMessage[] = [
  { type: HostMessageType.DidChangeChats, chats: [], activeChatId: chatId },
  loadChat(chatId, snapshotOf([], { busy: true })),
];
const hunks = (requestId: string, accepted: number, rejected: number): HostToWebviewMessage => ({
  type: HostMessageType.DidReviewEditHunks,
  chatId,
  requestId,
  hunks: { total: 2, accepted, rejected },
});

function card(panel: MountedPanel, path: string): HTMLElement {
  return panel.container.querySelector(`[aria-label="Edit ${path}"]`) as HTMLElement;
}

describe('the panel beside the editor review', () => {
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

  it('offers Review in editor on an edit shown there, and counts what was decided there', async () => {
    panel = await mountPanel([...opening, proposal('e1', 'a.ts'), hunks('e1', 0, 0)]);
    assert.doesNotMatch(card(panel, 'a.ts').textContent ?? '', /In the editor/);
    await panel.act(() => buttonNamed(card(panel as MountedPanel, 'a.ts'), 'Review in editor').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.ReviewInEditorCommand,
      chatId,
      requestId: 'e1',
    });
    await panel.receive(hunks('e1', 1, 0));
    assert.match(
      card(panel, 'a.ts').querySelector('.edit-hunks')?.textContent ?? '',
      /In the editor: 1 of 2 changes accepted; 1 still waiting\./,
    );
    await panel.receive(hunks('e1', 1, 1), {
      type: HostMessageType.DidResolveEdit,
      chatId,
      requestId: 'e1',
      status: 'written',
      detail: '1 of 2 changes accepted in the editor; the rest were not written.',
    });
    assert.match(
      card(panel, 'a.ts').textContent ?? '',
      /In the editor: 1 of 2 changes accepted, 1 rejected\./,
    );
    assert.match(card(panel, 'a.ts').textContent ?? '', /the rest were not written/);
  });

  it('has no Review in editor for an edit the editor does not show (a new file)', async () => {
    panel = await mountPanel([...opening, proposal('e1', 'new.ts')]);
    assert.equal(
      [...card(panel, 'new.ts').querySelectorAll('button')].some(
        (button) => button.textContent === 'Review in editor',
      ),
      false,
    );
  });

  it('offers Accept all and Reject all while two edits wait, and none for one', async () => {
    panel = await mountPanel([...opening, proposal('e1', 'a.ts')]);
    assert.equal(panel.container.querySelector('[aria-label="Pending edits"]'), null);
    await panel.receive(proposal('e2', 'b.ts'));
    const bar = panel.container.querySelector('[aria-label="Pending edits"]') as HTMLElement;
    assert.match(bar.textContent ?? '', /2 edits wait for review/);
    await panel.act(() => buttonNamed(bar, 'Accept all').click());
    assert.deepEqual(panel.posted.at(-1), {
      type: WebviewMessageType.AnswerAllEditsCommand,
      chatId,
      answer: 'accept',
    });
  });

  it('shows a Fix with Tandem message as the person’s short line with the editor’s context folded under it', async () => {
    panel = await mountPanel([
      ...opening,
      {
        type: HostMessageType.DidAppendMessage,
        chatId,
        entry: {
          kind: 'user',
          id: 'fix-1',
          text: "Fix: Type 'string' is not assignable to type 'number'.",
          attachments: [],
          context: [
            {
              title: 'The problem and the code around, from src/count.ts',
              text: 'Problems (1):\n- error 2322',
            },
          ],
        },
      },
      {
        type: HostMessageType.DidCheckDiagnostics,
        chatId,
        path: 'src/count.ts',
        fixed: ['error 2322 (ts) at line 1, column 14: Type …'],
        stillFailing: [],
        newProblems: ["error 2304 (ts) at line 3, column 26: Cannot find name 'y'."],
        settled: true,
      },
    ]);
    const message = panel.container.querySelector('.message-user') as HTMLElement;
    assert.equal(
      message.querySelector('.message-user-text')?.textContent,
      "Fix: Type 'string' is not assignable to type 'number'.",
    );
    const details = message.querySelector('details.message-context') as HTMLDetailsElement;
    assert.equal(details.open, false, 'folded until the person opens it');
    assert.match(
      details.querySelector('summary')?.textContent ?? '',
      /The problem and the code around, from src\/count\.ts/,
    );
    assert.match(details.querySelector('pre')?.textContent ?? '', /- error 2322/);
    const verdict = panel.container.querySelector('.diagnostics-row summary')?.textContent ?? '';
    assert.match(verdict, /src\/count\.ts: 1 fixed · 1 new/);
    assert.doesNotMatch(verdict, /still failing/);
  });
});
