import { strict as assert } from 'node:assert';
import type { Message } from '../../../../src/core/messages/message';
import { conversationTurns } from '../../../../src/core/session/conversation-turns';
import type { TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { restoreSession } from '../../../../src/core/session/restore-session';

const prompt = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const answer = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const line = (entry: TranscriptEntry) => JSON.stringify(entry);
const todo = (content: string) => ({ content, status: 'pending' as const, activeForm: content });

/** A session of two turns, each preceded by its checkpoint marker, with a todo list in turn 2. */
function twoTurns(): string[] {
  return [
    line({ type: 'session-start', sessionId: 's', cwd: '/w', model: 'm', timestamp: 0 }),
    line({ type: 'todos', todos: [todo('first plan')], timestamp: 0 }),
    line({ type: 'checkpoint', checkpointId: 1, timestamp: 1 }),
    line({ type: 'message', message: prompt('one'), timestamp: 1 }),
    line({ type: 'message', message: answer('did one'), timestamp: 2 }),
    line({ type: 'checkpoint', checkpointId: 2, timestamp: 3 }),
    line({ type: 'message', message: prompt('two'), timestamp: 3 }),
    line({ type: 'todos', todos: [todo('second plan')], timestamp: 4 }),
    line({ type: 'message', message: answer('did two'), timestamp: 4 }),
  ];
}

describe('transcript rewind', () => {
  it('numbers the person’s turns with the checkpoint taken before each', () => {
    const turns = conversationTurns(restoreSession(twoTurns()));
    assert.deepEqual(turns, [
      { turn: 1, messageIndex: 0, prompt: 'one', checkpointId: 1 },
      { turn: 2, messageIndex: 2, prompt: 'two', checkpointId: 2 },
    ]);
  });

  it('drops the messages, markers and todo lists after the rewind point, keeping the lines', () => {
    const lines = [...twoTurns(), line({ type: 'rewind', messageCount: 2, timestamp: 5 })];
    const restored = restoreSession(lines);
    assert.deepEqual(restored.messages, [prompt('one'), answer('did one')]);
    assert.deepEqual(restored.checkpoints, [{ checkpointId: 1, messageIndex: 0 }]);
    assert.deepEqual(restored.todos, [todo('first plan')]);
  });

  it('continues after a rewind with the new turns in place of the dropped ones', () => {
    const lines = [
      ...twoTurns(),
      line({ type: 'rewind', messageCount: 2, timestamp: 5 }),
      line({ type: 'checkpoint', checkpointId: 4, timestamp: 6 }),
      line({ type: 'message', message: prompt('two, again'), timestamp: 6 }),
    ];
    const turns = conversationTurns(restoreSession(lines));
    assert.deepEqual(
      turns.map((turn) => [turn.turn, turn.prompt, turn.checkpointId]),
      [
        [1, 'one', 1],
        [2, 'two, again', 4],
      ],
    );
  });

  it('sends the compaction still in reach after a rewind behind a later one', () => {
    const compaction = (summary: string) =>
      line({
        type: 'compaction',
        kept: 0,
        summary,
        attachments: [],
        trigger: 'manual',
        contextTokens: 1_000,
        timestamp: 3,
      });
    const lines = [
      ...twoTurns().slice(0, 5),
      compaction('turn one'),
      ...twoTurns().slice(5),
      compaction('turns one and two'),
      line({ type: 'rewind', messageCount: 3, timestamp: 6 }),
    ];
    const restored = restoreSession(lines);
    assert.equal(restored.messages.length, 3);
    assert.equal(restored.context.compaction?.summary, 'turn one');
    assert.equal(restored.context.compaction?.through, 2);
    assert.deepEqual(
      restored.compactions.map((mark) => [mark.summary, mark.messageIndex]),
      [['turn one', 2]],
    );
  });

  it('keeps the first of two markers before one prompt (a prompt a hook blocked)', () => {
    const lines = [
      line({ type: 'checkpoint', checkpointId: 1, timestamp: 1 }),
      line({ type: 'checkpoint', checkpointId: 2, timestamp: 2 }),
      line({ type: 'message', message: prompt('one'), timestamp: 2 }),
    ];
    assert.equal(conversationTurns(restoreSession(lines))[0]?.checkpointId, 1);
  });

  it('does not count tool results and harness turns as the person’s turns', () => {
    const messages: Message[] = [
      prompt('go'),
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Read', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 't', content: 'x', isError: false }] },
      { role: 'user', content: [{ type: 'text', text: 'continue' }], synthetic: true },
      prompt('<system-reminder>x</system-reminder>'),
    ];
    const turns = conversationTurns({ messages, checkpoints: [] });
    assert.deepEqual(
      turns.map((turn) => turn.prompt),
      ['go', ''],
    );
  });
});
