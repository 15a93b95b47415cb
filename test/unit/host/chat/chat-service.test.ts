import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopEvent, TerminalReason } from '../../../../src/core/loop/loop-event';
import { silentLogger } from '../../../../src/core/ports';
import type { ApprovalAnswer, PendingEdit, Reviewer } from '../../../../src/core/ports';
import type { FileWriter } from '../../../../src/core/tools/file-writer';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import type { ChatAgentRequest } from '../../../../src/host/agent/chat-agent';
import { ChatService } from '../../../../src/host/chat/chat-service';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { describeModel } from '../../../../src/core/model/model-catalog';
import { UsageLedger } from '../../../../src/core/usage/usage-ledger';

type Turn = (
  prompt: string,
  signal: AbortSignal,
  request: ChatAgentRequest,
  usage: UsageLedger,
) => AsyncGenerator<LoopEvent, TerminalReason>;

function setup(
  turn: Turn,
  options: { trusted?: boolean; store?: JsonlTranscriptStore; active?: string } = {},
) {
  const posted: HostToWebviewMessage[] = [];
  const requests: ChatAgentRequest[] = [];
  let active = options.active;
  let trusted = options.trusted ?? true;
  const store =
    options.store ?? new JsonlTranscriptStore(mkdtempSync(join(tmpdir(), 'tandem-chats-')), silentLogger);
  const service = new ChatService({
    createAgent: async (request) => {
      requests.push(request);
      const usage = new UsageLedger();
      return {
        ok: true,
        sessionId: request.resume ?? request.sessionId,
        agent: { usage, submit: (prompt, signal) => turn(prompt, signal, request, usage) },
        dispose: async () => {},
      };
    },
    createWriter: (reviewer: Reviewer): FileWriter => ({
      async propose(edit, signal) {
        const answer = await reviewer.review(edit, signal);
        return answer.kind === 'reject'
          ? { kind: 'rejected', reason: answer.reason ?? '' }
          : { kind: 'written', content: edit.after, modifiedByUser: false };
      },
    }),
    preview: { open: () => ({ show: async () => {}, text: () => undefined, dispose: () => {} }) },
    sessions: store,
    logger: silentLogger,
    post: (message) => posted.push(message),
    isTrusted: () => trusted,
    workspaceRoot: () => '/work',
    languageOf: () => 'typescript',
    mode: () => 'default',
    model: () => 'claude-sonnet-4-6',
    models: async () => [],
    activeChat: { get: () => active, set: (id) => (active = id) },
  });
  return {
    service,
    posted,
    requests,
    active: () => active,
    setTrusted: (value: boolean) => (trusted = value),
  };
}

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('timed out');
}

const echo: Turn = async function* (prompt) {
  yield { type: 'text-delta', text: `you said ${prompt}` };
  return 'completed';
};

describe('ChatService (the panel’s chats)', () => {
  it('gives a fresh panel an empty chat to type into, with state and history', async () => {
    const { service, posted } = setup(echo);
    await service.sendAll();
    assert.deepEqual(
      posted.map((message) => message.type),
      ['did-change-state', 'did-change-chats', 'did-load-chat'],
    );
    const chats = posted[1];
    assert.equal(chats?.type === 'did-change-chats' ? chats.activeChatId : null, service.activeChatId);
  });

  it('streams the answer into the chat and ends the turn', async () => {
    const { service, posted } = setup(echo);
    await service.sendAll();
    await service.send('hello', service.activeChatId);
    const chat = service.activeChat;
    assert.deepEqual(
      chat?.log.entries.map((entry) => entry.kind),
      ['user', 'assistant', 'usage'],
    );
    assert.ok(
      posted.some((message) => message.type === 'did-end-turn' && message.terminalReason === 'completed'),
    );
    assert.equal(chat?.busy, false);
  });

  it("closes each turn with its own tokens and cost, the sub-agents' calls included", async () => {
    const sonnet = describeModel('claude-sonnet-4-6', { provider: 'anthropic' });
    const haiku = describeModel('claude-haiku-4-5', { provider: 'anthropic' });
    const million = { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
    const counted: Turn = async function* (_prompt, _signal, _request, usage) {
      usage.record(sonnet, million);
      usage.record(haiku, million); // a Task sub-agent's call, counted into the same ledger
      yield { type: 'text-delta', text: 'done' };
      return 'completed';
    };
    const { service, posted } = setup(counted);
    await service.sendAll();
    await service.send('first', service.activeChatId);
    await service.send('second', service.activeChatId);
    const ends = posted.flatMap((message) => (message.type === 'did-end-turn' ? [message] : []));
    assert.deepEqual(
      ends.map((end) => [end.usage.inputTokens, end.costUsd]),
      [
        [2_000_000, 4],
        [2_000_000, 4],
      ],
      "Sonnet's $3 and Haiku's $1 per million input tokens, per turn, not cumulative",
    );
  });

  it('builds agents read-only in Restricted Mode and says so in the panel state', async () => {
    const { service, posted, requests, setTrusted } = setup(echo, { trusted: false });
    await service.sendAll();
    assert.ok(posted.some((message) => message.type === 'did-change-state' && !message.trusted));
    await service.send('hi');
    assert.equal(requests[0]?.trusted, false);
    setTrusted(true);
    service.resetIdleAgents();
    await service.send('again');
    assert.equal(requests[1]?.trusted, true, 'trust granted: the next agent may write');
    assert.equal(requests[1]?.resume, requests[0]?.sessionId, 'and it continues the same saved session');
  });

  it('asks permission in the panel and passes the answer to the agent', async () => {
    let answer: ApprovalAnswer | undefined;
    const { service, posted } = setup(async function* (_prompt, signal, request) {
      answer = await request.approver.ask(
        { toolUseId: 't1', toolName: 'Bash', input: {}, title: 'npm test', reason: 'runs a command' },
        signal,
      );
      return 'completed';
    });
    await service.sendAll();
    const chatId = service.activeChatId ?? '';
    const turn = service.send('run the tests', chatId);
    const prompt = await waitFor(() => posted.find((message) => message.type === 'did-request-permission'));
    assert.equal(prompt.type === 'did-request-permission' ? prompt.title : '', 'npm test');
    const requestId = prompt.type === 'did-request-permission' ? prompt.requestId : '';
    assert.ok(
      service
        .session(chatId)
        ?.answerPermission({ type: 'answer-permission', chatId, requestId, answer: 'allow-once' }),
    );
    await turn;
    assert.deepEqual(answer, { kind: 'allow-once' });
    assert.ok(
      posted.some((message) => message.type === 'did-resolve-permission' && message.status === 'allow-once'),
    );
  });

  it('rejects a waiting edit preview when the person stops the turn, and never hangs', async () => {
    const edit: PendingEdit = { toolUseId: 't1', path: '/work/a.ts', before: 'a', after: 'b', diff: '@@' };
    let outcome: unknown;
    const { service, posted } = setup(async function* (_prompt, signal, request) {
      outcome = await request.writer.propose(
        { ...edit, encode: (text) => new TextEncoder().encode(text) },
        signal,
      );
      return signal.aborted ? 'aborted' : 'completed';
    });
    await service.sendAll();
    const turn = service.send('edit it');
    const proposal = await waitFor(() => posted.find((message) => message.type === 'did-propose-edit'));
    assert.equal(proposal.type === 'did-propose-edit' ? proposal.path : '', 'a.ts');
    service.stop();
    await turn;
    assert.equal((outcome as { kind: string }).kind, 'rejected');
    assert.ok(
      posted.some((message) => message.type === 'did-resolve-edit' && message.status === 'cancelled'),
    );
  });

  it('keeps a chat running while the person switches to another one', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service } = setup(async function* () {
      await gate;
      yield { type: 'text-delta', text: 'finished' };
      return 'completed';
    });
    await service.sendAll();
    const first = service.activeChat;
    const turn = service.send('long task');
    await waitFor(() => (first?.busy ? true : undefined));
    const second = service.newChat();
    assert.equal(service.activeChatId, second.id);
    assert.equal(first?.busy, true);
    assert.equal(service.listChats().find((chat) => chat.id === first?.id)?.busy, true);
    release();
    await turn;
    assert.ok(first?.log.entries.some((entry) => entry.kind === 'assistant' && entry.text === 'finished'));
  });

  it('saves a new chat under its own id, so a stale id from the webview still finds it after a reload', async () => {
    const { service, requests } = setup(async function* () {
      return 'completed';
    });
    const chat = service.newChat();
    await service.send('hello', chat.id);
    assert.equal(requests[0]?.sessionId, chat.id);
    assert.equal(requests[0]?.resume, undefined);
  });

  it('reopens the shown chat from its transcript after a window reload', async () => {
    const store = new JsonlTranscriptStore(mkdtempSync(join(tmpdir(), 'tandem-chats-')), silentLogger);
    const sink = store.sink('saved-1');
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
    const { service, posted, requests } = setup(echo, { store, active: 'saved-1' });
    await service.sendAll();
    const loaded = posted.find((message) => message.type === 'did-load-chat');
    assert.deepEqual(
      loaded?.type === 'did-load-chat'
        ? loaded.entries.map((entry) => ('text' in entry ? entry.text : entry.kind))
        : [],
      ['Fix it', 'Fixed.'],
    );
    assert.equal(service.listChats()[0]?.title, 'Fix it');
    await service.send('more');
    assert.equal(requests[0]?.resume, 'saved-1');
  });
});
