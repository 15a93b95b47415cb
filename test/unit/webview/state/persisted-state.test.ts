import { strict as assert } from 'node:assert';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { initialPanelView } from '../../../../src/protocol/panel-view';
import { queueOutgoing, typeInComposer } from '../../../../webview-ui/src/state/local-actions';
import { fromPersisted, toPersisted } from '../../../../webview-ui/src/state/persisted-state';
import {
  applyAll,
  entriesOf,
  loadChat,
  longConversation,
  snapshotOf,
  stream,
} from '../support/host-messages';

describe('persisted state', () => {
  it('restores the conversation, todos, pickers and what was typed after a reload, not yet connected', () => {
    const live = applyAll([
      loadChat(
        'c1',
        snapshotOf(longConversation(4), {
          todos: [{ content: 'a', status: 'pending', activeForm: 'A-ing' }],
        }),
      ),
      stream('c1', 'streaming…'),
      {
        type: HostMessageType.DidChangeChats,
        chats: [{ id: 'c1', title: 'First', busy: true, updatedAt: 5 }],
        activeChatId: 'c1',
      },
      {
        type: HostMessageType.DidChangeState,
        mode: 'acceptEdits',
        model: 'm',
        models: [{ id: 'm', label: 'M' }],
        trusted: true,
      },
    ]);
    const typed = queueOutgoing(typeInComposer(live, 'c1', 'half a thought'), {
      requestId: 'm1',
      chatId: 'c1',
      text: 'sent, not confirmed',
      attachments: [],
    });
    const restored = fromPersisted(JSON.parse(JSON.stringify(toPersisted(typed))));
    assert.deepEqual(restored, { ...typed, connected: false });
  });

  it('keeps only the newest rows and clips long text so the snapshot stays small', () => {
    const view = applyAll([
      loadChat('c1', snapshotOf(longConversation(1000))),
      stream('c1', 'x'.repeat(50_000)),
    ]);
    const snapshot = toPersisted(view, { maxEntries: 10, maxChats: 2, maxTextChars: 100 });
    const entries = snapshot.chats.c1?.entries ?? [];
    assert.equal(entries.length, 10);
    const last = entries.at(-1);
    assert.equal(last?.kind === 'assistant' && last.text.length, 101);
    assert.ok(JSON.stringify(snapshot).length < 5_000);
  });

  it('keeps the active and running chats when there are too many to keep', () => {
    const view = applyAll([
      ...['a', 'b', 'c', 'd'].map((id) => loadChat(id, snapshotOf([], { busy: id === 'b' }))),
      {
        type: HostMessageType.DidChangeChats,
        chats: [
          { id: 'a', title: '', busy: false, updatedAt: 4 },
          { id: 'b', title: '', busy: true, updatedAt: 1 },
          { id: 'c', title: '', busy: false, updatedAt: 3 },
          { id: 'd', title: '', busy: false, updatedAt: 2 },
        ],
        activeChatId: 'd',
      },
    ]);
    const kept = Object.keys(
      toPersisted(view, { maxEntries: 10, maxChats: 2, maxTextChars: 100 }).chats,
    ).sort();
    assert.deepEqual(kept, ['b', 'd']);
  });

  it('starts empty from a snapshot it cannot read', () => {
    for (const value of [undefined, null, 42, { version: 2 }, { version: 1, chats: 'nope' }]) {
      assert.deepEqual(fromPersisted(value), initialPanelView());
    }
    assert.equal(entriesOf(fromPersisted(undefined), 'c1').length, 0);
  });
});
