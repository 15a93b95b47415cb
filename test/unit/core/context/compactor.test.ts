import { strict as assert } from 'node:assert';
import {
  createCompactor,
  createSpanSummarizer,
  renderTranscript,
} from '../../../../src/core/context/compactor';
import type { CompactRequest } from '../../../../src/core/context/compactor';
import type { Message } from '../../../../src/core/messages/message';
import { textOf, userText } from '../../../../src/core/messages/message';
import { FakeModelClient } from '../../../support/fake-model-client';

const history: Message[] = [
  userText('rename the parser'),
  {
    role: 'assistant',
    content: [{ type: 'tool_use', id: 't1', name: 'Read', input: { file_path: '/w/parser.ts' } }],
  },
  {
    role: 'user',
    content: [{ type: 'tool_result', toolUseId: 't1', content: 'x'.repeat(5_000), isError: false }],
  },
];

const prefix = {
  model: 'main-model',
  system: [{ text: 'You are Tandem.', cacheBreakpoint: true }],
  tools: [{ name: 'Read', description: 'Reads a file.', inputSchema: { type: 'object' } }],
};

const request = (extra: Partial<CompactRequest> = {}): CompactRequest => ({
  messages: history,
  prefix,
  trigger: 'auto',
  contextTokens: 1_500,
  signal: new AbortController().signal,
  ...extra,
});

const summaryReply = (text: string) => ({ blocks: [{ type: 'text' as const, text }] });

describe('compactor', () => {
  it('renders tool calls and cuts long results in the transcript it summarises', () => {
    const text = renderTranscript(history);
    assert.match(text, /Person: rename the parser/);
    assert.match(text, /\[called Read \{"file_path":"\/w\/parser.ts"\}\]/);
    assert.ok(text.length < 2_500);
  });

  it('sends the conversation as the loop does — same model, system, tools, messages — and one instruction after it', async () => {
    const client = new FakeModelClient([summaryReply('## Goal\nRename the parser.')]);
    const outcome = await createCompactor({ client })(request());
    assert.deepEqual(outcome, {
      ok: true,
      summary: '## Goal\nRename the parser.',
      model: 'main-model',
      usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheCreationTokens: 0 },
    });
    const sent = client.requests[0]!;
    assert.equal(sent.model, 'main-model');
    assert.deepEqual(sent.system, prefix.system);
    assert.deepEqual(sent.tools, prefix.tools);
    assert.deepEqual(sent.messages.slice(0, history.length), history, 'the cached prefix, unchanged');
    const instruction = textOf(sent.messages.at(-1)!.content);
    assert.equal(sent.messages.length, history.length + 1);
    for (const heading of [
      'Goal',
      "The person's words that still bind",
      'Decisions',
      'Files touched',
      'Errors and fixes',
      'Pending work',
    ])
      assert.match(instruction, new RegExp(`## ${heading}`));
    assert.match(instruction, /Do not call any tools/);
  });

  it('keeps the thinking budget of the conversation, with room for the summary on top', async () => {
    const client = new FakeModelClient([summaryReply('summary')]);
    await createCompactor({ client, maxTokens: 4_000 })(
      request({ prefix: { ...prefix, thinkingBudget: 2_000 } }),
    );
    assert.equal(client.requests[0]?.thinkingBudget, 2_000);
    assert.equal(client.requests[0]?.maxTokens, 6_000);
  });

  it("passes the person's instructions for a manual compaction", async () => {
    const client = new FakeModelClient([summaryReply('Kept the API notes.')]);
    await createCompactor({ client })(request({ trigger: 'manual', instructions: 'keep the API notes' }));
    assert.match(
      textOf(client.requests[0]!.messages.at(-1)!.content),
      /The person asked the summary to: keep the API notes/,
    );
  });

  it('summarises a text rendering, without tools, when the prompt was too long for the model', async () => {
    const client = new FakeModelClient([summaryReply('summary')]);
    const outcome = await createCompactor({ client })(request({ trigger: 'reactive' }));
    assert.equal(outcome.ok, true);
    const sent = client.requests[0]!;
    assert.deepEqual(sent.tools, []);
    assert.equal(sent.messages.length, 1);
    assert.match(textOf(sent.messages[0]!.content), /Person: rename the parser/);
    assert.match(sent.system[0]!.text, /## Pending work/);
  });

  it('falls back to the rendering when the prefix call itself is too long', async () => {
    const client = new FakeModelClient([
      { error: { kind: 'prompt_too_long', message: 'prompt is too long' } },
      summaryReply('summary from the rendering'),
    ]);
    const outcome = await createCompactor({ client })(request());
    assert.equal(outcome.ok && outcome.summary, 'summary from the rendering');
    assert.equal(client.requests.length, 2);
    assert.deepEqual(client.requests[1]?.tools, []);
  });

  it('says why when the summary call fails or answers with a tool call only', async () => {
    const failing = new FakeModelClient([
      { error: { kind: 'server', message: '500 Internal Server Error' } },
    ]);
    assert.deepEqual(await createCompactor({ client: failing })(request()), {
      ok: false,
      reason: 'The summary call failed: 500 Internal Server Error',
    });
    const toolOnly = new FakeModelClient([
      { blocks: [{ type: 'tool_use', id: 'x', name: 'Read', input: { file_path: '/w/a.ts' } }] },
    ]);
    assert.deepEqual(await createCompactor({ client: toolOnly })(request()), {
      ok: false,
      reason: 'The summary call answered without a summary.',
    });
  });

  it('summarises a collapsed span on the small model, as text, without tools', async () => {
    const client = new FakeModelClient([summaryReply('Read parser.ts: 5,000 characters of x.')]);
    const outcome = await createSpanSummarizer({ client, model: 'small-model' })({
      messages: history,
      signal: new AbortController().signal,
    });
    assert.equal(outcome.ok && outcome.summary, 'Read parser.ts: 5,000 characters of x.');
    assert.equal(outcome.ok && outcome.model, 'small-model', "its cost is the small model's");
    assert.equal(client.requests[0]?.model, 'small-model');
    assert.deepEqual(client.requests[0]?.tools, []);
    assert.match(client.requests[0]!.system[0]!.text, /one stretch of a coding session/);
  });
});
