import { strict as assert } from 'node:assert';
import type { ChatSnapshot } from '../../../src/protocol/chat-snapshot';
import { emptyChatSnapshot } from '../../../src/protocol/chat-snapshot';
import type { ChatMessage } from '../../../src/protocol/host-to-webview-message';
import { HostMessageType } from '../../../src/protocol/message-type';
import { cutNotice, reduceChat } from '../../../src/protocol/reduce-chat';

const chatId = 'chat';
const stream = (text: string): ChatMessage => ({ type: HostMessageType.DidStreamText, chatId, text });
const startTool = (toolUseId: string): ChatMessage => ({
  type: HostMessageType.DidStartTool,
  chatId,
  toolUseId,
  name: 'Bash',
  summary: toolUseId,
});
const cut = (droppedText: string, keptToolCalls: number): ChatMessage => ({
  type: HostMessageType.DidCutAnswer,
  chatId,
  droppedText,
  keptToolCalls,
  reason: 'socket hang up',
});
const user: ChatMessage = {
  type: HostMessageType.DidAppendMessage,
  chatId,
  entry: { kind: 'user', id: 'm1', text: 'go', attachments: [] },
};

/** The rows as `kind:text` (prose) or `kind` (the rest), after folding `messages` into an empty chat. */
function rows(messages: ChatMessage[]): string[] {
  const chat: ChatSnapshot = messages.reduce(reduceChat, emptyChatSnapshot());
  return chat.entries.map((entry) => (entry.kind === 'assistant' ? `assistant:${entry.text}` : entry.kind));
}

describe('reduceChat: an answer cut off by a stream error', () => {
  const cases: { why: string; messages: ChatMessage[]; expected: string[] }[] = [
    {
      why: 'takes back the prose streamed after the kept call and notes the cut',
      messages: [
        user,
        stream('Appending. '),
        startTool('a'),
        stream('Now the '),
        stream('tests'),
        cut('Now the tests', 1),
      ],
      expected: ['user', 'assistant:Appending. ', 'tool', 'notice'],
    },
    {
      why: 'takes back prose that a late tool card split in two',
      messages: [user, stream('Kept. Dro'), startTool('a'), stream('pped'), cut('Dropped', 1)],
      expected: ['user', 'assistant:Kept. ', 'tool', 'notice'],
    },
    {
      why: 'takes back the whole of a discarded answer',
      messages: [user, stream('Half an '), stream('answer'), cut('Half an answer', 0)],
      expected: ['user', 'notice'],
    },
    {
      why: "never reaches past the person's message into an earlier answer",
      messages: [stream('Earlier answer'), user, cut('answer', 0)],
      expected: ['assistant:Earlier answer', 'user', 'notice'],
    },
    {
      why: 'leaves prose alone that does not end as the host says',
      messages: [user, stream('Something else'), cut('Then', 1)],
      expected: ['user', 'assistant:Something else', 'notice'],
    },
  ];
  for (const { why, messages, expected } of cases) {
    it(why, () => assert.deepEqual(rows(messages), expected));
  }

  it('words the note by what was kept', () => {
    assert.equal(
      cutNotice({ keptToolCalls: 2, reason: 'Overloaded' }),
      'The answer was cut off (Overloaded); Tandem kept the 2 completed tool calls and goes on from their results.',
    );
    assert.equal(
      cutNotice({ keptToolCalls: 0, reason: 'Overloaded' }),
      'The answer was cut off (Overloaded) before any tool call was complete; Tandem discarded it and asks again.',
    );
  });
});
