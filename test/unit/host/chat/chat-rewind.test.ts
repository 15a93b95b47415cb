import { strict as assert } from 'node:assert';
import type { Message } from '../../../../src/core/messages/message';
import type { ChatSnapshot } from '../../../../src/protocol/chat-snapshot';
import { emptyChatSnapshot } from '../../../../src/protocol/chat-snapshot';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { initialPanelView } from '../../../../src/protocol/panel-view';
import { reducePanel } from '../../../../src/protocol/reduce-panel';
import { rewoundChat } from '../../../../src/host/chat/rewound-chat';
import { type Turn, chatHarness, gate } from './chat-harness';

const prompt = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });

/** Each turn takes the next checkpoint id and answers with one line. */
function checkpointedTurns(): Turn {
  let next = 0;
  return async function* (text) {
    next += 1;
    yield { type: 'checkpoint-create', checkpointId: next };
    yield { type: 'text-delta', text: `did ${text}` };
    return 'completed';
  };
}

function webview(messages: readonly HostToWebviewMessage[]) {
  return messages.reduce(reducePanel, initialPanelView());
}

const rows = (chat: ChatSnapshot | undefined) =>
  (chat?.entries ?? []).map((entry) => `${entry.kind}:${'text' in entry ? entry.text : ''}`);

describe('chat rewind', () => {
  it('marks the person’s row with its turn’s checkpoint, in the host and in the webview', async () => {
    const host = chatHarness(checkpointedTurns());
    await host.service.sendAll();
    const chatId = host.service.activeChatId ?? '';
    const sent = await host.service.send({ id: 'm1', text: 'one', attachments: [] }, chatId);
    if (sent.disposition === 'started') await sent.turn;
    const row = host.service.session(chatId)?.snapshot.entries[0];
    assert.deepEqual(row, { kind: 'user', id: 'm1', text: 'one', attachments: [], checkpointId: 1 });
    assert.deepEqual(webview(host.posted).chats[chatId]?.entries[0], row);
  });

  it('shows the chat as it was before the message, offers that message again and resumes from the transcript', async () => {
    const host = chatHarness(checkpointedTurns());
    await host.service.sendAll();
    const chatId = host.service.activeChatId ?? '';
    for (const [id, text] of [
      ['m1', 'one'],
      ['m2', 'two'],
    ] as const) {
      const sent = await host.service.send({ id, text, attachments: [] }, chatId);
      if (sent.disposition === 'started') await sent.turn;
    }
    const sink = host.sessions.sink(chatId);
    sink.append({ type: 'checkpoint', checkpointId: 1, timestamp: 0 });
    sink.append({ type: 'message', message: prompt('one'), timestamp: 0 });
    sink.append({ type: 'message', message: answer('did one'), timestamp: 0 });
    sink.append({ type: 'checkpoint', checkpointId: 2, timestamp: 0 });
    sink.append({ type: 'message', message: prompt('two'), timestamp: 0 });
    host.sessions.rewind(chatId, 2);

    assert.equal(host.service.didRewind(chatId, 2, 'two'), true);
    const before = ['user:one', 'assistant:did one', 'usage:'];
    assert.deepEqual(rows(host.service.session(chatId)?.snapshot), before);
    const view = webview(host.posted);
    assert.deepEqual(rows(view.chats[chatId]), before);
    assert.equal(view.composer[chatId], 'two');

    const again = await host.service.send({ id: 'm3', text: 'two, differently', attachments: [] }, chatId);
    if (again.disposition === 'started') await again.turn;
    assert.equal(host.requests.length, 2);
    assert.equal(host.requests[1]?.resume, chatId);
  });

  it('never puts the message back over what the person is typing', () => {
    const chat = emptyChatSnapshot();
    const typing = { ...initialPanelView(), composer: { c: 'half a thought' } };
    const view = reducePanel(typing, { type: 'did-rewind-chat', chatId: 'c', chat, prompt: 'two' });
    assert.equal(view.composer['c'], 'half a thought');
  });

  it('refuses while the chat runs a turn', async () => {
    const running = gate();
    const host = chatHarness(async function* () {
      yield { type: 'checkpoint-create', checkpointId: 1 };
      await running.wait;
      return 'completed';
    });
    await host.service.sendAll();
    const chatId = host.service.activeChatId ?? '';
    const sent = await host.service.send({ id: 'm1', text: 'one', attachments: [] }, chatId);
    host.sessions.sink(chatId).append({ type: 'message', message: prompt('one'), timestamp: 0 });
    assert.equal(host.service.isBusy(chatId), true);
    assert.equal(host.service.didRewind(chatId, 1, 'one'), false);
    running.open();
    if (sent.disposition === 'started') await sent.turn;
  });

  it('rebuilds the rows from the rewound transcript when no row carries the checkpoint', () => {
    const chat = {
      ...emptyChatSnapshot(),
      entries: [{ kind: 'user' as const, id: 'x', text: 'old', attachments: [] }],
    };
    const transcript = {
      messages: [prompt('one'), answer('did one')],
      checkpoints: [{ checkpointId: 1, messageIndex: 0 }],
      compactions: [],
      todos: [],
    };
    const rewound = rewoundChat(chat, transcript, 7);
    assert.deepEqual(rows(rewound), ['user:one', 'assistant:did one']);
    assert.equal(rewound.entries[0]?.kind === 'user' && rewound.entries[0].checkpointId, 1);
  });
});
