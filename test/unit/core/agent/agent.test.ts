import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { Agent } from '../../../../src/core/agent/agent';
import type { AgentOptions } from '../../../../src/core/agent/agent';
import type { CompactRequest } from '../../../../src/core/context/compactor';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import type { Message } from '../../../../src/core/messages/message';
import { userText } from '../../../../src/core/messages/message';
import type { TranscriptEntry } from '../../../../src/core/session/transcript-entry';
import { buildTool } from '../../../../src/core/tools/build-tool';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { textResult } from '../../../../src/core/tools/tool';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { allowAllGate } from '../../../support/loop-harness';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { noisePng } from '../../../support/noise-png';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import { testPorts } from '../../../support/tool-context';

interface WireMessage {
  role: string;
  content: string | { type: string; source?: { data: string }; content?: unknown }[];
}

/** A tool that is not TodoWrite and still changes the todo list. */
const planTool = buildTool({
  name: 'Plan',
  description: 'Sets the plan.',
  inputSchema: z.object({ steps: z.array(z.string()) }),
  async *call(input, context) {
    const todos = input.steps.map((step) => ({
      content: step,
      status: 'pending' as const,
      activeForm: step,
    }));
    context.todos.replace(todos, context.turn);
    return textResult('planned');
  },
});

describe('Agent', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let workspace: MemoryWorkspace;
  let transcript: TranscriptEntry[];
  let compactions: CompactRequest[];

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    workspace = new MemoryWorkspace();
    transcript = [];
    compactions = [];
  });
  afterEach(() => server.close());

  function createAgent(extra: Partial<AgentOptions> = {}): Agent {
    return new Agent({
      sessionId: 'session-1',
      client: new AnthropicClient({ baseUrl: server.url, apiKey: 'test', env: {} }),
      model: 'claude-sonnet-4-6',
      maxTurns: 10,
      tools: [readTool, planTool],
      ports: testPorts(workspace),
      gate: allowAllGate,
      cwd: '/work',
      system: async () => [{ text: 'You are a test.' }],
      transcript: { append: (entry) => transcript.push(entry) },
      compact: async (request) => {
        compactions.push(request);
        return { ok: true, summary: 'Summary: the session so far.' };
      },
      ...extra,
    });
  }

  async function submit(agent: Agent, prompt: string): Promise<LoopEvent[]> {
    const events: LoopEvent[] = [];
    for await (const event of agent.submit(prompt, new AbortController().signal)) events.push(event);
    return events;
  }

  const sent = (index: number): WireMessage[] =>
    (server.modelRequests[index]?.body as { messages: WireMessage[] }).messages;

  it('sends a screenshot it Read on the next request, and does not compact for it', async () => {
    const png = noisePng(420, 420);
    workspace.put('/work/shot.png', png);
    workspace.put('/work/notes.txt', 'looks fine\n');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: '/work/shot.png' } } }] },
      // The call after the image: the provider's usage now includes it, as pixels.
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: '/work/notes.txt' } } }] },
      { blocks: [{ text: 'A screenshot of noise.' }] },
    );
    const events = await submit(createAgent(), 'what is in shot.png?');
    assert.equal(server.modelRequests.length, 3);
    const result = sent(1).at(-1)?.content;
    assert.ok(Array.isArray(result));
    const image = JSON.stringify(result).includes(png.toString('base64'));
    assert.ok(image, 'the image reached the model');
    assert.equal(compactions.length, 0, 'one 420×420 image (about 236 tokens) triggered a compaction');
    assert.ok(!events.some((event) => event.type === 'context-compact'));
  });

  it('keeps one history: what the loop added is what it sends next, and is saved once', async () => {
    workspace.put('/work/a.txt', 'alpha\n');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: '/work/a.txt' } } }] },
      { blocks: [{ text: 'It says alpha.' }] },
      { blocks: [{ text: 'Still alpha.' }] },
    );
    const agent = createAgent();
    await submit(agent, 'read a.txt');
    const afterFirst = agent.messages.map((message) => message.role);
    await submit(agent, 'and now?');
    assert.deepEqual(afterFirst, ['user', 'assistant', 'user', 'assistant']);
    assert.deepEqual(
      sent(2).map((message) => message.role),
      [...afterFirst, 'user'],
    );
    const saved = transcript.flatMap((entry) => (entry.type === 'message' ? [entry.message] : []));
    assert.deepEqual(saved, agent.messages);
  });

  it('keeps its whole history when the loop compacts, sends the summary, and saves the compaction', async () => {
    server.enqueue({ blocks: [{ text: 'Continuing from the summary.' }] });
    const agent = createAgent({ contextTuning: { thresholds: { autoCompact: 10 } } });
    const events = await submit(agent, 'go on');
    assert.equal(compactions[0]?.trigger, 'auto');
    assert.ok(events.some((event) => event.type === 'context-compact' && event.trigger === 'auto'));
    assert.deepEqual(
      agent.messages.map((message) => message.content[0]),
      [
        { type: 'text', text: 'go on' },
        { type: 'text', text: 'Continuing from the summary.' },
      ],
      'the history is not rewritten',
    );
    assert.match(JSON.stringify(sent(0)[0]), /Summary: the session so far\./);
    assert.match(JSON.stringify(agent.contextMessages[0]), /Summary: the session so far\./);
    const entry = transcript.find((line) => line.type === 'compaction');
    assert.ok(entry?.type === 'compaction');
    assert.deepEqual(
      { kept: entry.kept, summary: entry.summary, attachments: entry.attachments, trigger: entry.trigger },
      { kept: 0, summary: 'Summary: the session so far.', attachments: [], trigger: 'auto' },
    );
    const before = transcript.slice(0, transcript.indexOf(entry)).filter((line) => line.type === 'message');
    assert.equal(before.length, 1, 'written after the messages it covers');
  });

  describe('a resumed history no provider count covers yet', () => {
    const history: Message[] = [
      userText('x'.repeat(28_000)),
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ];

    async function resume(charsPerToken: number): Promise<LoopEvent[]> {
      await server.close();
      server = new ScriptedModelServer({ charsPerToken });
      await server.start();
      server.enqueue({ blocks: [{ text: 'continuing' }] });
      // Auto-compaction at 10,000 tokens; the history is estimated at 7,000 (characters ÷ 4).
      return submit(
        createAgent({ history, contextTuning: { thresholds: { autoCompact: 10_000 } } }),
        'go on',
      );
    }

    it('is counted once with count_tokens, and compacted before the call when the provider counts it over', async () => {
      const events = await resume(2);
      const counts = server.requests.filter((request) => request.path === '/v1/messages/count_tokens');
      assert.equal(counts.length, 1);
      assert.equal(compactions[0]?.trigger, 'auto');
      assert.ok(compactions[0]!.contextTokens > 10_000, `measured ${compactions[0]?.contextTokens}`);
      assert.ok(events.some((event) => event.type === 'context-compact'));
    });

    it('is sent as it is when the count confirms it fits', async () => {
      await resume(4);
      assert.equal(
        server.requests.filter((request) => request.path === '/v1/messages/count_tokens').length,
        1,
      );
      assert.equal(compactions.length, 0);
    });
  });

  it('compacts sooner when a percentage of the window is set, never later', async () => {
    const history: Message[] = [
      userText('x'.repeat(48_000)),
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ];
    server.enqueue({ blocks: [{ text: 'a' }] }, { blocks: [{ text: 'b' }] });
    await submit(createAgent({ history, autoCompactPercent: 5 }), 'go on');
    assert.equal(compactions.length, 1, '12,000 tokens is past 5% of a 200,000 window');
    const reserveFirst = { autoCompactPercent: 100, contextTuning: { bufferTokens: 190_000 } };
    await submit(createAgent({ history, ...reserveFirst }), 'go on');
    assert.equal(compactions.length, 2, 'a percentage never delays the reserve');
  });

  it('compacts when the person asks, with the manual trigger and their instructions', async () => {
    server.enqueue({ blocks: [{ text: 'first answer' }] }, { blocks: [{ text: 'second answer' }] });
    const agent = createAgent();
    await submit(agent, 'hello');
    const result = await agent.compact({
      signal: new AbortController().signal,
      instructions: 'keep the API',
    });
    assert.equal(result.ok && result.event.trigger, 'manual');
    assert.equal(compactions[0]?.instructions, 'keep the API');
    assert.equal(compactions[0]?.messages.length, 2);
    assert.equal(compactions[0]?.prefix.model, 'claude-sonnet-4-6', "the conversation's own model");
    await submit(agent, 'next');
    assert.deepEqual(
      sent(1).map((message) => message.role),
      ['user'],
      'the summary replaces the conversation; it and the next message go as one user turn',
    );
    assert.match(JSON.stringify(sent(1)[0]), /Summary: the session so far\..*next/);
    assert.equal(agent.messages.length, 4, 'the history keeps all four messages');
  });

  it('says why /compact did nothing', async () => {
    const agent = createAgent();
    assert.deepEqual(await agent.compact({ signal: new AbortController().signal }), {
      ok: false,
      reason: 'There is nothing to compact yet.',
    });
    server.enqueue({ blocks: [{ text: 'hi' }] });
    await submit(agent, 'hello');
    const refusing = createAgent({
      history: agent.messages,
      compact: async () => ({ ok: false, reason: 'A PreCompact hook blocked compaction: busy' }),
    });
    assert.deepEqual(await refusing.compact({ signal: new AbortController().signal }), {
      ok: false,
      reason: 'A PreCompact hook blocked compaction: busy',
    });
  });

  it("re-attaches the host's own, the todo list and the files it read last after the summary", async () => {
    workspace.put('/work/a.txt', 'alpha\n');
    workspace.put('/work/b.txt', 'beta\n');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Plan', input: { steps: ['rename the parser'] } } }] },
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: '/work/a.txt' } } }] },
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: '/work/b.txt' } } }] },
      { blocks: [{ text: 'Read both.' }] },
    );
    const agent = createAgent({
      compactionAttachments: async () => ['<system-reminder>The plan: rename it.</system-reminder>'],
    });
    await submit(agent, 'plan and read');
    workspace.put('/work/a.txt', 'alpha, changed since\n');
    const result = await agent.compact({ signal: new AbortController().signal });
    assert.ok(result.ok);
    const attachments = result.event.record.attachments;
    assert.equal(attachments.length, 4);
    assert.match(attachments[0]!, /The plan: rename it\./);
    assert.match(attachments[1]!, /1\. \[pending\] rename the parser/);
    assert.match(attachments[2]!, /You read \/work\/b\.txt before the summary[\s\S]*1\tbeta/, 'newest first');
    assert.match(attachments[3]!, /\/work\/a\.txt[\s\S]*alpha, changed since/, 'as the file is now');
    assert.match(JSON.stringify(agent.contextMessages[0]), /rename the parser/);
  });

  it('announces and saves a todo change made by any tool, not only TodoWrite', async () => {
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Plan', input: { steps: ['write the test', 'fix the bug'] } } }] },
      { blocks: [{ text: 'Planned.' }] },
    );
    const agent = createAgent();
    const events = await submit(agent, 'plan it');
    const change = events.find(
      (event): event is Extract<LoopEvent, { type: 'todos-change' }> => event.type === 'todos-change',
    );
    assert.deepEqual(
      change?.todos.map((todo) => todo.content),
      ['write the test', 'fix the bug'],
    );
    const started = events.findIndex((event) => event.type === 'tool-execution-start');
    assert.ok(events.indexOf(change!) > started, 'announced once the call that made it ran');
    assert.equal(events.filter((event) => event.type === 'todos-change').length, 1);
    assert.equal(transcript.filter((entry) => entry.type === 'todos').length, 1);
  });

  it('resumes with its saved history and todos, and sends that history', async () => {
    const history: Message[] = [
      userText('earlier'),
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ];
    const todos = [{ content: 'ship', status: 'in_progress' as const, activeForm: 'Shipping' }];
    server.enqueue({ blocks: [{ text: 'resumed' }] });
    const agent = createAgent({ history, todos });
    await submit(agent, 'again');
    assert.deepEqual(agent.todos.todos, todos);
    assert.deepEqual(
      sent(0).map((message) => message.role),
      ['user', 'assistant', 'user'],
    );
  });
});
