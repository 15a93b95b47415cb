import { strict as assert } from 'node:assert';
import { Agent } from '../../../../src/core/agent/agent';
import type { AssistantMessage, Message, UserMessage } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import { unfinishedToolResult } from '../../../../src/core/session/pending-turn';
import type { TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { restoreSession } from '../../../../src/core/session/restore-session';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { historyProblems } from '../../../support/api-history';
import { allowAllGate } from '../../../support/loop-harness';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import { testPorts } from '../../../support/tool-context';

const at = 1;
const line = (entry: Record<string, unknown>) => JSON.stringify({ timestamp: at, ...entry });
const message = (value: Message) => line({ type: 'message', message: value });
const call = (id: string) => ({
  type: 'tool_use' as const,
  id,
  name: 'Read',
  input: { file_path: `/${id}` },
});
const result = (id: string, content = `contents of ${id}`) => ({
  type: 'tool_result' as const,
  toolUseId: id,
  content,
  isError: false,
});

describe('restoreSession: a turn cut off by a killed process', () => {
  it('shows the text that streamed, marked interrupted, and sends it as the assistant message', () => {
    const restored = restoreSession([
      message(userText('explain the bug')),
      line({ type: 'stream-text', text: 'The bug is in ' }),
      line({ type: 'stream-text', text: 'the parser' }),
    ]);
    assert.deepEqual(restored.messages.at(-1), {
      role: 'assistant',
      content: [{ type: 'text', text: 'The bug is in the parser' }],
      interrupted: true,
    });
    assert.deepEqual(historyProblems(restored.messages), []);
  });

  it('keeps finished tool calls with their results and answers the unfinished one as interrupted', () => {
    const restored = restoreSession([
      message(userText('read both')),
      line({ type: 'stream-text', text: 'Reading both.' }),
      line({ type: 'stream-block', block: call('a') }),
      line({ type: 'stream-block', block: call('b') }),
      line({ type: 'tool-result', result: result('a') }),
    ]);
    const [, assistant, answers] = restored.messages as [UserMessage, AssistantMessage, UserMessage];
    assert.deepEqual(assistant.content, [{ type: 'text', text: 'Reading both.' }, call('a'), call('b')]);
    assert.equal(assistant.interrupted, true);
    assert.deepEqual(answers.content, [
      result('a'),
      { type: 'tool_result', toolUseId: 'b', content: unfinishedToolResult, isError: true },
    ]);
    assert.deepEqual(historyProblems(restored.messages), []);
  });

  it('answers the calls of a whole message whose tools were still running', () => {
    const assistant: AssistantMessage = { role: 'assistant', content: [call('a'), call('b')] };
    const restored = restoreSession([
      message(userText('read both')),
      line({ type: 'stream-block', block: call('a') }),
      line({ type: 'stream-block', block: call('b') }),
      message(assistant),
      line({ type: 'tool-result', result: result('b') }),
    ]);
    assert.deepEqual(restored.messages.at(-2), assistant, 'the whole message, not marked interrupted');
    assert.deepEqual((restored.messages.at(-1) as UserMessage).content, [
      { type: 'tool_result', toolUseId: 'a', content: unfinishedToolResult, isError: true },
      result('b'),
    ]);
  });

  it('keeps the interrupted answer in place when the resumed session went on', () => {
    const restored = restoreSession([
      message(userText('first question')),
      line({ type: 'stream-text', text: 'half an ans' }),
      message(userText('second question')),
      message({ role: 'assistant', content: [{ type: 'text', text: 'second answer' }] }),
    ]);
    assert.deepEqual(
      restored.messages.map((entry) =>
        entry.role === 'assistant' ? `A:${JSON.stringify(entry.content)}` : 'U',
      ),
      ['U', 'A:[{"type":"text","text":"half an ans"}]', 'U', 'A:[{"type":"text","text":"second answer"}]'],
    );
    assert.deepEqual(historyProblems(restored.messages), []);
  });

  it('ignores the stream entries of a finished turn and of a discarded attempt', () => {
    const final: AssistantMessage = {
      role: 'assistant',
      content: [{ type: 'text', text: 'the whole answer' }],
    };
    const restored = restoreSession([
      message(userText('q')),
      line({ type: 'stream-text', text: 'first attempt' }),
      line({ type: 'stream-discard' }),
      line({ type: 'stream-text', text: 'the whole ' }),
      message(final),
    ]);
    assert.deepEqual(restored.messages, [userText('q'), final]);
  });

  it('skips a torn last line and keeps everything before it', () => {
    const restored = restoreSession([
      message(userText('q')),
      line({ type: 'stream-text', text: 'kept' }),
      '{"type":"stream-text","text":"lo',
    ]);
    assert.equal(restored.skippedLines, 1);
    assert.deepEqual((restored.messages.at(-1) as AssistantMessage).content, [
      { type: 'text', text: 'kept' },
    ]);
  });
});

describe('restoreSession over every cut of a real agent run', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
  });
  afterEach(() => server.close());

  it('gives a history the API accepts, and an answer that is a prefix of the real one, wherever it is cut', async () => {
    const workspace = new MemoryWorkspace(['/work'], { '/work/a.txt': 'alpha\n', '/work/b.txt': 'beta\n' });
    const entries: TranscriptEntry[] = [];
    server.enqueue(
      {
        blocks: [
          { text: 'I will read both files to compare them.' },
          { toolUse: { name: 'Read', input: { file_path: '/work/a.txt' } } },
          { toolUse: { name: 'Read', input: { file_path: '/work/b.txt' } } },
        ],
        chunk: { tokens: 1, delayMs: 2 },
      },
      { blocks: [{ text: 'They differ: one says alpha, the other beta.' }], chunk: { tokens: 1 } },
    );
    const agent = new Agent({
      sessionId: 's',
      client: new AnthropicClient({ baseUrl: server.url, apiKey: 'test', env: {} }),
      model: 'claude-sonnet-4-6',
      maxTurns: 5,
      tools: [readTool],
      ports: testPorts(workspace),
      gate: allowAllGate,
      cwd: '/work',
      system: async () => [{ text: 'You are a test.' }],
      transcript: { append: (entry) => entries.push(entry) },
      transcriptFlushMs: 0,
    });
    for await (const _event of agent.submit('compare a and b', new AbortController().signal));
    const lines = entries.map((entry) => JSON.stringify(entry));
    assert.ok(lines.length > 10, 'the answer was written as it streamed');
    const finalText = (agent.messages.at(-1) as AssistantMessage).content
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('');
    for (let cut = 1; cut <= lines.length; cut += 1) {
      const restored = restoreSession(lines.slice(0, cut));
      assert.deepEqual(historyProblems(restored.messages), [], `cut after line ${cut}`);
      const last = restored.messages.at(-1);
      if (last?.role === 'assistant' && last.interrupted) {
        const text = last.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
        const firstText = 'I will read both files to compare them.';
        assert.ok(firstText.startsWith(text) || finalText.startsWith(text), `cut ${cut}: "${text}"`);
      }
    }
    assert.deepEqual(
      restoreSession(lines).messages,
      agent.messages,
      'the whole transcript is the live history',
    );
  });
});
