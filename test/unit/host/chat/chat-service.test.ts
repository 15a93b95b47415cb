import { strict as assert } from 'node:assert';
import type { ApprovalAnswer, PendingEdit } from '../../../../src/core/ports';
import type { SendOutcome } from '../../../../src/host/chat/chat-session';
import { type Turn, chatHarness, gate, postedOf, waitFor } from './chat-harness';

const echo: Turn = async function* (prompt) {
  yield { type: 'text-delta', text: `you said ${prompt}` };
  return 'completed';
};

let nextMessage = 0;
function message(text: string) {
  nextMessage += 1;
  return { id: `m${nextMessage}`, text, attachments: [] };
}

async function turnOf(outcome: Promise<SendOutcome>): Promise<void> {
  const settled = await outcome;
  assert.equal(settled.disposition, 'started', JSON.stringify(settled));
  if (settled.disposition === 'started') await settled.turn;
}

describe('ChatService (the panel’s chats)', () => {
  it('gives a fresh panel its chat first, then the settings (which may be slow)', async () => {
    const { service, posted } = chatHarness(echo);
    await service.sendAll();
    assert.deepEqual(
      posted.map((sent) => sent.type),
      ['did-change-chats', 'did-load-chat', 'did-change-state'],
    );
    assert.equal(postedOf(posted, 'did-change-chats')?.activeChatId, service.activeChatId);
  });

  it('streams the answer into the chat, ends the turn, and keeps the person’s message id', async () => {
    const { service, posted, busy } = chatHarness(echo);
    await service.sendAll();
    await turnOf(service.send({ id: 'hello-1', text: 'hello', attachments: [] }, service.activeChatId));
    const chat = service.activeChat?.snapshot;
    assert.deepEqual(
      chat?.entries.map((entry) => `${entry.kind}:${entry.id}`),
      ['user:hello-1', 'assistant:row-0', 'usage:row-1'],
    );
    assert.ok(posted.some((sent) => sent.type === 'did-end-turn' && sent.terminalReason === 'completed'));
    assert.equal(chat?.busy, false);
    assert.deepEqual(busy, [false, true, false], 'tandem.busy follows the shown chat');
  });

  it('does not start a turn twice for a message sent again (after a reload, say)', async () => {
    const { service, requests } = chatHarness(echo);
    const again = message('once');
    await turnOf(service.send(again));
    const second = await service.send(again);
    assert.equal(second.disposition, 'started');
    assert.equal(service.activeChat?.snapshot.entries.filter((entry) => entry.kind === 'user').length, 1);
    assert.equal(requests.length, 1);
  });

  it('keeps the message out of the conversation and says why when no agent can start', async () => {
    const failAgent = {
      code: 'missing-api-key',
      message: 'No Anthropic API key.',
      action: 'set-api-key' as const,
    };
    const { service } = chatHarness(echo, { failAgent });
    const outcome = await service.send(message('hello'));
    assert.deepEqual(outcome, { disposition: 'failed', error: failAgent });
    assert.deepEqual(service.activeChat?.snapshot.entries, []);
    assert.equal(service.activeChat?.busy, false);
  });

  it('builds agents read-only in Restricted Mode and says so in the panel state', async () => {
    const { service, posted, requests, setTrusted } = chatHarness(echo, { trusted: false });
    await service.sendAll();
    assert.ok(posted.some((sent) => sent.type === 'did-change-state' && !sent.trusted));
    await turnOf(service.send(message('hi')));
    assert.equal(requests[0]?.trusted, false);
    setTrusted(true);
    service.resetIdleAgents();
    await turnOf(service.send(message('again')));
    assert.equal(requests[1]?.trusted, true, 'trust granted: the next agent may write');
    assert.equal(requests[1]?.resume, requests[0]?.sessionId, 'and it continues the same saved session');
  });

  it('asks permission in the panel and passes the answer to the agent', async () => {
    let answer: ApprovalAnswer | undefined;
    const { service, posted } = chatHarness(async function* (_prompt, signal, request) {
      answer = await request.approver.ask(
        { toolUseId: 't1', toolName: 'Bash', input: {}, title: 'npm test', reason: 'runs a command' },
        signal,
      );
      return 'completed';
    });
    await service.sendAll();
    const chatId = service.activeChatId ?? '';
    const outcome = await service.send(message('run the tests'), chatId);
    const prompt = await waitFor(() => postedOf(posted, 'did-request-permission'));
    assert.equal(prompt.title, 'npm test');
    const answered = service.session(chatId)?.answerPermission({
      type: 'answer-permission',
      chatId,
      requestId: prompt.requestId,
      answer: 'allow-once',
    });
    assert.ok(answered);
    if (outcome.disposition === 'started') await outcome.turn;
    assert.deepEqual(answer, { kind: 'allow-once' });
    assert.ok(posted.some((sent) => sent.type === 'did-resolve-permission' && sent.status === 'allow-once'));
  });

  it('cancels a waiting edit preview when the person stops the turn, and never hangs', async () => {
    const edit: PendingEdit = { toolUseId: 't1', path: '/work/a.ts', before: 'a', after: 'b', diff: '@@' };
    let outcome: unknown;
    const { service, posted } = chatHarness(async function* (_prompt, signal, request) {
      outcome = await request.writer.propose(
        { ...edit, encode: (text) => new TextEncoder().encode(text) },
        signal,
      );
      return signal.aborted ? 'aborted' : 'completed';
    });
    await service.sendAll();
    const sent = await service.send(message('edit it'));
    const proposal = await waitFor(() => postedOf(posted, 'did-propose-edit'));
    assert.equal(proposal.path, 'a.ts');
    service.stop();
    if (sent.disposition === 'started') await sent.turn;
    assert.equal((outcome as { kind: string }).kind, 'rejected');
    assert.ok(posted.some((posted) => posted.type === 'did-resolve-edit' && posted.status === 'cancelled'));
  });

  it('keeps a chat running while the person switches to another one', async () => {
    const release = gate();
    const { service } = chatHarness(async function* () {
      await release.wait;
      yield { type: 'text-delta', text: 'finished' };
      return 'completed';
    });
    await service.sendAll();
    const first = service.activeChat;
    const sent = await service.send(message('long task'));
    const second = service.newChat();
    assert.equal(service.activeChatId, second.id);
    assert.equal(first?.busy, true);
    assert.equal(service.listChats().find((chat) => chat.id === first?.id)?.busy, true);
    release.open();
    if (sent.disposition === 'started') await sent.turn;
    assert.ok(
      first?.snapshot.entries.some((entry) => entry.kind === 'assistant' && entry.text === 'finished'),
    );
  });

  it('lists the newest chat first, even when two are made in the same millisecond', () => {
    const { service } = chatHarness(echo);
    const first = service.newChat();
    const second = service.newChat();
    assert.deepEqual(
      service.listChats().map((chat) => chat.id),
      [second.id, first.id],
    );
    assert.ok(service.openChat(first.id));
    assert.deepEqual(
      service.listChats().map((chat) => chat.id),
      [second.id, first.id],
      'opening a chat does not reorder the history',
    );
  });

  it('saves a new chat under its own id, so a stale id from the webview still finds it after a reload', async () => {
    const { service, requests } = chatHarness(async function* () {
      return 'completed';
    });
    const chat = service.newChat();
    await turnOf(service.send(message('hello'), chat.id));
    assert.equal(requests[0]?.sessionId, chat.id);
    assert.equal(requests[0]?.resume, undefined);
  });

  it('reopens the shown chat from its transcript when no panel snapshot exists', async () => {
    const seed = chatHarness(echo);
    const sink = seed.sessions.sink('saved-1');
    sink.append({
      type: 'message',
      timestamp: 1,
      message: { role: 'user', content: [{ type: 'text', text: 'Fix it' }] },
    });
    sink.append({
      type: 'message',
      timestamp: 2,
      message: { role: 'assistant', content: [{ type: 'text', text: 'Fixed.' }] },
    });
    const { service, posted, requests } = chatHarness(echo, { directory: seed.directory, active: 'saved-1' });
    await service.sendAll();
    const loaded = postedOf(posted, 'did-load-chat');
    assert.deepEqual(
      loaded?.chat.entries.map((entry) => ('text' in entry ? entry.text : entry.kind)),
      ['Fix it', 'Fixed.'],
    );
    assert.equal(service.listChats()[0]?.title, 'Fix it');
    await turnOf(service.send(message('more')));
    assert.equal(requests[0]?.resume, 'saved-1');
  });

  it('keeps an empty chat’s id across a reload, so a message sent with it lands in the shown chat', async () => {
    const first = chatHarness(echo);
    await first.service.sendAll();
    const id = first.service.activeChatId;
    const reloaded = chatHarness(echo, { directory: first.directory, active: first.active() });
    await reloaded.service.sendAll();
    assert.equal(reloaded.service.activeChatId, id);
    await turnOf(reloaded.service.send(message('typed before the reload finished'), id));
    assert.equal(reloaded.service.activeChat?.snapshot.entries[0]?.kind, 'user');
  });

  it('adds an attachment to the shown chat’s draft before any webview exists, once', () => {
    const { service, posted } = chatHarness(echo);
    const attachment = { kind: 'selection' as const, path: 'src/a.ts', range: { startLine: 2, endLine: 5 } };
    service.attach(attachment);
    service.attach(attachment);
    assert.deepEqual(service.activeChat?.snapshot.draft.attachments, [attachment]);
    assert.equal(posted.filter((sent) => sent.type === 'did-change-draft').length, 1);
  });
});
