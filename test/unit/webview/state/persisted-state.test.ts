import { strict as assert } from 'node:assert';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { fromPersisted, toPersisted } from '../../../../webview-ui/src/state/persisted-state';
import { initialPanelState } from '../../../../webview-ui/src/state/panel-state';
import { applyAll, entriesOf, longConversation, stream } from '../support/host-messages';

describe('persisted state', () => {
  it('restores the conversation, todos and pickers after a reload', () => {
    const state = applyAll([
      {
        type: HostMessageType.DidLoadChat,
        chatId: 'c1',
        entries: longConversation(4),
        todos: [{ content: 'a', status: 'pending', activeForm: 'A-ing' }],
      },
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
        busy: true,
      },
    ]);
    const restored = fromPersisted(JSON.parse(JSON.stringify(toPersisted(state))));
    assert.deepEqual(restored, { ...state, pendingAttach: {} });
  });

  it('keeps only the newest rows and clips long text so the snapshot stays small', () => {
    const state = applyAll([
      { type: HostMessageType.DidLoadChat, chatId: 'c1', entries: longConversation(1000), todos: [] },
      stream('c1', 'x'.repeat(50_000)),
    ]);
    const snapshot = toPersisted(state, { maxEntries: 10, maxChats: 2, maxTextChars: 100 });
    const entries = snapshot.chats.c1?.entries ?? [];
    assert.equal(entries.length, 10);
    const last = entries.at(-1);
    assert.equal(last?.kind === 'assistant' && last.text.length, 101);
    assert.ok(JSON.stringify(snapshot).length < 5_000);
  });

  it('keeps the active and running chats when there are too many to keep', () => {
    const state = applyAll([
      ...['a', 'b', 'c', 'd'].map((id) => stream(id, id)),
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
      toPersisted(state, { maxEntries: 10, maxChats: 2, maxTextChars: 100 }).chats,
    ).sort();
    assert.deepEqual(kept, ['b', 'd']);
  });

  it('starts empty from a snapshot it cannot read', () => {
    for (const value of [undefined, null, 42, { version: 2 }, { version: 1, chats: 'nope' }]) {
      assert.deepEqual(fromPersisted(value), initialPanelState());
    }
    assert.equal(entriesOf(fromPersisted(undefined), 'c1').length, 0);
  });
});
