import { strict as assert } from 'node:assert';
import { HostMessageType } from '../../../../src/protocol/message-type';
import { applyHostMessage } from '../../../../webview-ui/src/state/apply-host-message';
import { markPermission } from '../../../../webview-ui/src/state/local-actions';
import { applyAll, entriesOf, stream, userMessage } from '../support/host-messages';

const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 90, cacheCreationTokens: 0 };

describe('applyHostMessage', () => {
  it('appends streamed deltas to the last assistant message instead of adding rows', () => {
    const state = applyAll([
      userMessage('c1', 'u1', 'hi'),
      stream('c1', 'Hel'),
      stream('c1', 'lo '),
      stream('c1', 'world'),
    ]);
    const entries = entriesOf(state, 'c1');
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[1], { kind: 'assistant', id: 'w0', text: 'Hello world' });
    assert.equal(state.chats.c1?.busy, true);
  });

  it('starts a new assistant message when text follows a tool card', () => {
    const state = applyAll([
      stream('c1', 'Let me look.'),
      {
        type: HostMessageType.DidStartTool,
        chatId: 'c1',
        toolUseId: 't1',
        name: 'Read',
        summary: 'src/a.ts',
      },
      stream('c1', 'Found it.'),
    ]);
    assert.deepEqual(
      entriesOf(state, 'c1').map((entry) => entry.kind),
      ['assistant', 'tool', 'assistant'],
    );
    const last = entriesOf(state, 'c1')[2];
    assert.equal(last?.kind === 'assistant' ? last.text : '', 'Found it.');
  });

  it('moves a tool card from running through progress to done, keyed by its id', () => {
    const states = [
      {
        type: HostMessageType.DidStartTool,
        chatId: 'c1',
        toolUseId: 't1',
        name: 'Bash',
        summary: 'npm test',
      },
      { type: HostMessageType.DidUpdateTool, chatId: 'c1', toolUseId: 't1', progress: '3 passing' },
    ] as const;
    const running = applyAll([...states]);
    const card = entriesOf(running, 'c1')[0];
    assert.equal(card?.kind === 'tool' && card.status, 'running');
    assert.equal(card?.kind === 'tool' && card.progress, '3 passing');

    const ended = applyHostMessage(running, {
      type: HostMessageType.DidEndTool,
      chatId: 'c1',
      toolUseId: 't1',
      name: 'Bash',
      status: 'done',
      durationMs: 1200,
      resultPreview: '5 passing',
      isError: false,
    });
    assert.equal(entriesOf(ended, 'c1').length, 1);
    assert.deepEqual(entriesOf(ended, 'c1')[0], {
      kind: 'tool',
      id: 't1',
      name: 'Bash',
      summary: 'npm test',
      status: 'done',
      durationMs: 1200,
      resultPreview: '5 passing',
      isError: false,
      progress: undefined,
    });
  });

  it('shows a finished tool the webview never saw start', () => {
    const state = applyAll([
      {
        type: HostMessageType.DidEndTool,
        chatId: 'c1',
        toolUseId: 't9',
        name: 'Grep',
        summary: 'TODO',
        status: 'error',
        durationMs: 3,
        resultPreview: 'rg missing',
        isError: true,
      },
    ]);
    const card = entriesOf(state, 'c1')[0];
    assert.equal(card?.kind, 'tool');
    assert.equal(card?.kind === 'tool' && card.isError, true);
  });

  it('resolves a permission prompt by request id and cancels unanswered ones when the turn ends', () => {
    const ask = (requestId: string) =>
      ({
        type: HostMessageType.DidRequestPermission,
        chatId: 'c1',
        requestId,
        toolName: 'Bash',
        title: 'rm -rf build',
        reason: 'deletes files',
      }) as const;
    const asked = applyAll([ask('p1'), ask('p2')]);
    const resolved = applyHostMessage(asked, {
      type: HostMessageType.DidResolvePermission,
      chatId: 'c1',
      requestId: 'p1',
      status: 'allow-once',
    });
    const ended = applyHostMessage(resolved, {
      type: HostMessageType.DidEndTurn,
      chatId: 'c1',
      usage,
      terminalReason: 'aborted',
    });
    const statuses = entriesOf(ended, 'c1').map((entry) =>
      entry.kind === 'permission' ? entry.status : entry.kind,
    );
    assert.deepEqual(statuses, ['allow-once', 'cancelled', 'usage']);
    assert.equal(ended.chats.c1?.busy, false);
  });

  it('disables a prompt as soon as the person answers it, before the host confirms', () => {
    const asked = applyAll([
      {
        type: HostMessageType.DidRequestPermission,
        chatId: 'c1',
        requestId: 'p1',
        toolName: 'Edit',
        title: 'a.ts',
        reason: 'edit',
      },
    ]);
    const answered = markPermission(asked, { chatId: 'c1', requestId: 'p1', status: 'deny' });
    const prompt = entriesOf(answered, 'c1')[0];
    assert.equal(prompt?.kind === 'permission' && prompt.status, 'deny');
  });

  it('settles an edit preview rejected in the editor, with its reason', () => {
    const state = applyAll([
      {
        type: HostMessageType.DidProposeEdit,
        chatId: 'c1',
        requestId: 'e1',
        path: 'a.ts',
        diff: '@@ -1 +1 @@\n-a\n+b',
        language: 'typescript',
      },
      {
        type: HostMessageType.DidResolveEdit,
        chatId: 'c1',
        requestId: 'e1',
        status: 'rejected',
        reason: 'wrong file',
      },
    ]);
    const edit = entriesOf(state, 'c1')[0];
    assert.equal(edit?.kind === 'edit' && edit.status, 'rejected');
    assert.equal(edit?.kind === 'edit' && edit.reason, 'wrong file');
  });

  it('keeps two chats streaming at once without mixing their text', () => {
    const state = applyAll([
      stream('a', 'alpha '),
      stream('b', 'beta '),
      { type: HostMessageType.DidChangeChats, chats: [], activeChatId: 'b' },
      stream('a', 'one'),
      stream('b', 'two'),
    ]);
    assert.deepEqual(entriesOf(state, 'a'), [{ kind: 'assistant', id: 'w0', text: 'alpha one' }]);
    assert.deepEqual(entriesOf(state, 'b'), [{ kind: 'assistant', id: 'w0', text: 'beta two' }]);
    assert.equal(state.activeChatId, 'b');
  });

  it('replaces a chat wholesale on load but keeps it marked running', () => {
    const streaming = applyAll([stream('c1', 'partial')]);
    const loaded = applyHostMessage(streaming, {
      type: HostMessageType.DidLoadChat,
      chatId: 'c1',
      entries: [{ kind: 'assistant', id: 'h1', text: 'partial answer' }],
      todos: [{ content: 'Test', status: 'in_progress', activeForm: 'Testing' }],
    });
    assert.equal(entriesOf(loaded, 'c1').length, 1);
    assert.equal(loaded.chats.c1?.busy, true);
    assert.equal(loaded.chats.c1?.todos[0]?.activeForm, 'Testing');
  });

  it('shows retries and chat errors in the conversation and panel errors in a banner', () => {
    const state = applyAll([
      {
        type: HostMessageType.DidRetry,
        chatId: 'c1',
        attempt: 2,
        maxAttempts: 5,
        delayMs: 1500,
        message: 'Overloaded',
      },
      { type: HostMessageType.DidFail, chatId: 'c1', code: 'rate_limit', message: 'Slow down' },
      { type: HostMessageType.DidFail, code: 'no_api_key', message: 'No API key', action: 'set-api-key' },
    ]);
    const [retry, failure] = entriesOf(state, 'c1');
    assert.equal(retry?.kind === 'notice' && retry.message, 'Overloaded — retrying in 1.5s (attempt 2 of 5)');
    assert.equal(failure?.kind === 'notice' && failure.level, 'error');
    assert.deepEqual(state.error, { code: 'no_api_key', message: 'No API key', action: 'set-api-key' });
  });

  it('adds an attachment reply to the composer of the chat that asked', () => {
    const asked = { ...applyAll([]), pendingAttach: { r1: 'c2' } };
    const replied = applyHostMessage(asked, {
      type: HostMessageType.AttachReply,
      requestId: 'r1',
      attachment: { kind: 'selection', path: 'src/a.ts', range: { startLine: 1, endLine: 4 } },
    });
    assert.equal(replied.drafts.c2?.[0]?.path, 'src/a.ts');
    assert.deepEqual(replied.pendingAttach, {});
    assert.equal(
      applyHostMessage(replied, { type: HostMessageType.AttachReply, requestId: 'r1', attachment: null }),
      replied,
    );
  });

  it('updates busy flags from the chat list and mode and models from the state', () => {
    const state = applyAll([
      stream('c1', 'x'),
      {
        type: HostMessageType.DidChangeChats,
        chats: [{ id: 'c1', title: 'T', busy: false, updatedAt: 1 }],
        activeChatId: 'c1',
      },
      {
        type: HostMessageType.DidChangeState,
        mode: 'plan',
        model: 'm1',
        models: [{ id: 'm1', label: 'Model one' }],
        trusted: false,
        busy: false,
      },
    ]);
    assert.equal(state.chats.c1?.busy, false);
    assert.equal(state.mode, 'plan');
    assert.equal(state.trusted, false);
  });
});
