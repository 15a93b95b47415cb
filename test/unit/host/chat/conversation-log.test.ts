import { strict as assert } from 'node:assert';
import { ConversationLog } from '../../../../src/host/chat/conversation-log';
import { HostMessageType } from '../../../../src/protocol/message-type';

const chatId = 'chat-1';

describe('ConversationLog', () => {
  it('appends streamed text to the last assistant row and starts a new row after a tool', () => {
    const log = new ConversationLog();
    log.apply({ type: HostMessageType.DidStreamText, chatId, text: 'Hel' });
    log.apply({ type: HostMessageType.DidStreamText, chatId, text: 'lo' });
    log.apply({ type: HostMessageType.DidStartTool, chatId, toolUseId: 't1', name: 'Read', summary: 'a.ts' });
    log.apply({ type: HostMessageType.DidStreamText, chatId, text: 'Done' });
    assert.deepEqual(
      log.entries.map((entry) => (entry.kind === 'assistant' ? entry.text : entry.kind)),
      ['Hello', 'tool', 'Done'],
    );
  });

  it('replaces a running tool card with its result, keeping the summary', () => {
    const log = new ConversationLog();
    log.apply({ type: HostMessageType.DidStartTool, chatId, toolUseId: 't1', name: 'Read', summary: 'a.ts' });
    log.apply({ type: HostMessageType.DidUpdateTool, chatId, toolUseId: 't1', progress: 'reading' });
    log.apply({
      type: HostMessageType.DidEndTool,
      chatId,
      toolUseId: 't1',
      name: 'Read',
      status: 'done',
      durationMs: 5,
      resultPreview: 'x',
      isError: false,
    });
    assert.deepEqual(log.entries, [
      {
        kind: 'tool',
        id: 't1',
        name: 'Read',
        summary: 'a.ts',
        status: 'done',
        durationMs: 5,
        resultPreview: 'x',
        isError: false,
      },
    ]);
  });

  it('records how a permission prompt and an edit preview were answered', () => {
    const log = new ConversationLog();
    log.apply({
      type: HostMessageType.DidRequestPermission,
      chatId,
      requestId: 'p1',
      toolName: 'Bash',
      title: 'ls',
      reason: 'asks',
    });
    log.apply({ type: HostMessageType.DidResolvePermission, chatId, requestId: 'p1', status: 'deny' });
    log.apply({
      type: HostMessageType.DidProposeEdit,
      chatId,
      requestId: 'e1',
      path: 'a.ts',
      diff: '@@',
      language: 'typescript',
    });
    log.apply({
      type: HostMessageType.DidResolveEdit,
      chatId,
      requestId: 'e1',
      status: 'rejected',
      reason: 'no',
    });
    assert.deepEqual(
      log.entries.map((entry) => [entry.kind, 'status' in entry ? entry.status : undefined]),
      [
        ['permission', 'deny'],
        ['edit', 'rejected'],
      ],
    );
    const edit = log.entries[1];
    assert.equal(edit?.kind === 'edit' ? edit.reason : undefined, 'no');
  });

  it('keeps an error with its follow-up action and the usage line of a turn', () => {
    const log = new ConversationLog();
    log.apply({
      type: HostMessageType.DidFail,
      chatId,
      code: 'missing-api-key',
      message: 'No key',
      action: 'set-api-key',
    });
    const usage = { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheCreationTokens: 0 };
    log.apply({ type: HostMessageType.DidEndTurn, chatId, usage, terminalReason: 'aborted' });
    assert.deepEqual(
      log.entries.map((entry) => entry.kind),
      ['notice', 'usage'],
    );
    const notice = log.entries[0];
    assert.equal(notice?.kind === 'notice' ? notice.action : undefined, 'set-api-key');
  });
});
