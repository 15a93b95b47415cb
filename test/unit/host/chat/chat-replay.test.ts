import { strict as assert } from 'node:assert';
import type { PendingEdit } from '../../../../src/core/ports';
import type { ChatSnapshot } from '../../../../src/protocol/chat-snapshot';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { initialPanelView } from '../../../../src/protocol/panel-view';
import { reducePanel } from '../../../../src/protocol/reduce-panel';
import { type Turn, chatHarness, gate, postedOf, waitFor } from './chat-harness';

const edit: PendingEdit = {
  toolUseId: 'toolu_edit',
  path: '/work/a.ts',
  before: 'a\n',
  after: 'b\n',
  diff: '@@ -1 +1 @@\n-a\n+b',
};
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const overloaded = { kind: 'overloaded' as const, message: 'Overloaded' };

/** What a webview that received `messages` (from a blank page) shows of the chat. */
function webviewChat(messages: readonly HostToWebviewMessage[], chatId: string): ChatSnapshot | undefined {
  const view = messages.reduce(reducePanel, initialPanelView());
  return JSON.parse(JSON.stringify(view.chats[chatId] ?? null)) as ChatSnapshot | undefined;
}

/** A turn with every kind of row: prose, tools, a retry, a denied prompt, a written edit, todos, an error. */
const everything: Turn = async function* (_prompt, signal, request) {
  yield { type: 'turn-start', turn: 1, model: 'claude-sonnet-4-6' };
  yield { type: 'text-delta', text: 'Reading ' };
  yield { type: 'text-delta', text: 'first.' };
  yield { type: 'tool-execution-start', toolUseId: 'toolu_read', name: 'Read', input: {}, summary: 'a.ts' };
  yield { type: 'tool-execution-progress', toolUseId: 'toolu_read', text: 'half way' };
  yield {
    type: 'tool-execution-end',
    toolUseId: 'toolu_read',
    name: 'Read',
    result: { content: 'a', isError: false },
    durationMs: 3,
  };
  yield { type: 'retry-schedule', attempt: 1, maxAttempts: 5, delayMs: 1500, error: overloaded };
  yield { type: 'text-delta', text: 'Now the command.' };
  await request.approver.ask(
    { toolUseId: 'toolu_bash', toolName: 'Bash', input: {}, title: 'rm -rf x', reason: 'asks' },
    signal,
  );
  await request.writer.propose({ ...edit, encode }, signal);
  yield {
    type: 'todos-change',
    todos: [{ content: 'Edit a.ts', status: 'completed', activeForm: 'Editing a.ts' }],
  };
  yield { type: 'loop-error', error: { kind: 'connection', message: 'socket hang up' } };
  return 'completed';
};

describe('replay: a new webview shows exactly what the live one showed', () => {
  it('gives the live panel, a reloaded panel and a restarted host the same rows, ids and text', async () => {
    const host = chatHarness(everything);
    await host.service.sendAll();
    const chatId = host.service.activeChatId ?? '';
    const sent = await host.service.send({ id: 'm1', text: 'Fix a.ts', attachments: [] }, chatId);
    const prompt = await waitFor(() => postedOf(host.posted, 'did-request-permission'));
    host.service
      .session(chatId)
      ?.answerPermission({ type: 'answer-permission', chatId, requestId: prompt.requestId, answer: 'deny' });
    const proposal = await waitFor(() => postedOf(host.posted, 'did-propose-edit'));
    host.service.session(chatId)?.answerEdit({ requestId: proposal.requestId, answer: 'accept' });
    if (sent.disposition === 'started') await sent.turn;
    const live = webviewChat(host.posted, chatId);

    const reloadFrom = host.posted.length;
    await host.service.sendAll();
    const reloaded = webviewChat(host.posted.slice(reloadFrom), chatId);

    host.service.dispose();
    const restarted = chatHarness(everything, { directory: host.directory, active: host.active() });
    await restarted.service.sendAll();
    const afterRestart = webviewChat(restarted.posted, chatId);

    assert.ok(live);
    assert.deepEqual(
      live.entries.map((entry) => `${entry.kind}:${entry.id}`),
      [
        'user:m1',
        'assistant:row-0',
        'tool:toolu_read',
        'notice:row-1',
        'assistant:row-2',
        `permission:${prompt.requestId}`,
        `edit:${proposal.requestId}`,
        'notice:row-3',
        'usage:row-4',
      ],
    );
    const retry = live.entries[3];
    assert.equal(retry?.kind === 'notice' && retry.message, 'Overloaded — retrying in 1.5s (attempt 1 of 5)');
    const written = live.entries[6];
    assert.equal(written?.kind === 'edit' && written.status, 'written', 'the card says what the host did');
    assert.deepEqual(reloaded, live, 'a reloaded webview');
    assert.deepEqual(afterRestart, live, 'a restarted extension host');
  });

  it('replays a pending permission prompt to a new webview, which answers it and shows Stop meanwhile', async () => {
    const host = chatHarness(async function* (_prompt, signal, request) {
      const answer = await request.approver.ask(
        { toolUseId: 't', toolName: 'Bash', input: {}, title: 'npm test', reason: 'asks' },
        signal,
      );
      yield { type: 'text-delta', text: answer.kind };
      return 'completed';
    });
    await host.service.sendAll();
    const chatId = host.service.activeChatId ?? '';
    const sent = await host.service.send({ id: 'm1', text: 'test it', attachments: [] }, chatId);
    await waitFor(() => postedOf(host.posted, 'did-request-permission'));
    const reloadFrom = host.posted.length;
    await host.service.sendAll();
    const reloaded = webviewChat(host.posted.slice(reloadFrom), chatId);
    const pending = reloaded?.entries.find((entry) => entry.kind === 'permission');
    assert.equal(pending?.kind === 'permission' && pending.status, 'pending');
    assert.equal(reloaded?.busy, true, 'the reloaded composer shows Stop');
    assert.ok(
      host.service.session(chatId)?.answerPermission({
        type: 'answer-permission',
        chatId,
        requestId: pending?.id ?? '',
        answer: 'allow-once',
      }),
    );
    if (sent.disposition === 'started') await sent.turn;
    assert.ok(
      host.service.activeChat?.snapshot.entries.some(
        (entry) => entry.kind === 'assistant' && entry.text === 'allow-once',
      ),
    );
  });

  for (const stop of ['killed', 'shut down'] as const) {
    it(`shows a turn cut off by an extension host that was ${stop} as interrupted, with what was done`, async () => {
      const never = gate();
      const host = chatHarness(async function* (_prompt, signal, request) {
        yield {
          type: 'tool-execution-start',
          toolUseId: 'toolu_1',
          name: 'Read',
          input: {},
          summary: 'a.ts',
        };
        yield {
          type: 'tool-execution-end',
          toolUseId: 'toolu_1',
          name: 'Read',
          result: { content: 'a', isError: false },
          durationMs: 1,
        };
        yield {
          type: 'tool-execution-start',
          toolUseId: 'toolu_2',
          name: 'Bash',
          input: {},
          summary: 'npm test',
        };
        void request.writer.propose({ ...edit, encode }, signal);
        await never.wait;
        return 'completed';
      });
      await host.service.sendAll();
      const chatId = host.service.activeChatId ?? '';
      await host.service.send({ id: 'm1', text: 'go', attachments: [] }, chatId);
      await waitFor(() => postedOf(host.posted, 'did-propose-edit'));
      await host.service.send({ id: 'm2', text: 'and then this', attachments: [] }, chatId);
      // The extension host goes here. Killed: its snapshots are on disk, its turn never ends.
      // Shut down (a window reload): it writes them and stops its turns.
      if (stop === 'killed') host.snapshots.flush();
      else host.service.dispose();

      const restarted = chatHarness(
        async function* () {
          return 'completed';
        },
        { directory: host.directory, active: host.active() },
      );
      await restarted.service.sendAll();
      const chat = webviewChat(restarted.posted, chatId);
      assert.equal(chat?.busy, false, 'never shown as still running');
      const statuses = chat?.entries.map((entry) =>
        'status' in entry ? `${entry.kind}:${entry.status}` : entry.kind,
      );
      assert.deepEqual(statuses, ['user', 'tool:done', 'tool:cancelled', 'edit:cancelled', 'notice']);
      const notice = chat?.entries.at(-1);
      assert.match(
        notice?.kind === 'notice' ? notice.message : '',
        /^Interrupted: .*1 tool call finished.*Not finished: Bash npm test and the edit to a\.ts/,
      );
      assert.deepEqual(
        chat?.queue.map((queued) => queued.text),
        ['and then this'],
      );
      assert.equal(chat?.queueHold, 'interrupted', 'the queue waits for the person');
    });
  }
});
