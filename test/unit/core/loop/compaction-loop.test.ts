import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { createCompactor } from '../../../../src/core/context/compactor';
import { ContextPipeline } from '../../../../src/core/context/pipeline/context-pipeline';
import type { ContextPipelineOptions } from '../../../../src/core/context/pipeline/context-pipeline-options';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import { userText } from '../../../../src/core/messages/message';
import type { Clock } from '../../../../src/core/ports';
import { buildTool } from '../../../../src/core/tools/build-tool';
import { textResult } from '../../../../src/core/tools/tool';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { runQuery } from '../../../support/loop-harness';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../../../support/scripted-turn';
import {
  comparableMessages,
  extendsRequest,
  isCompactionRequest,
  isConversationRequest,
  isTranscriptSummaryRequest,
} from '../../../support/wire-requests';

/** A clock the test moves on by hand; sleeps return at once. */
function handClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  return { now: () => now, random: () => 0.5, sleep: async () => {}, advance: (ms) => (now += ms) };
}

/** Read of a fake file: 2,000 characters; `idle` moves the clock past the cache's lifetime first. */
function readToolOver(clock: { advance(ms: number): void }) {
  return buildTool({
    name: 'Read',
    permissionKind: 'read',
    description: 'Reads a file.',
    inputSchema: z.object({ file_path: z.string(), idle: z.boolean().optional() }),
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    async *call(input) {
      if (input.idle) clock.advance(10 * 60_000);
      return textResult(`${input.file_path}\n${'x'.repeat(2_000)}`);
    },
  });
}

const read = (path: string, idle = false): ScriptedOutcome => ({
  blocks: [{ toolUse: { name: 'Read', input: { file_path: path, ...(idle ? { idle } : {}) } } }],
});

describe('compaction in the loop (scripted server, real SDK)', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let client: AnthropicClient;
  let clock: ReturnType<typeof handClock>;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    client = new AnthropicClient({ baseUrl: server.url, apiKey: 'test', env: {} });
    clock = handClock();
  });
  afterEach(() => server.close());

  const pipeline = (options: Partial<ContextPipelineOptions>) =>
    new ContextPipeline({
      describe: (model) => client.describe(model),
      tools: () => [readToolOver(clock)],
      clock,
      ...options,
    });

  const run = (context: ContextPipeline, prompt = 'go') =>
    runQuery(client, [readToolOver(clock)], { context, clock, prompt, maxTurns: 40 });

  it('holds a "prompt is too long" answer back, compacts, retries once, and never shows the error', async () => {
    server.enqueue(
      { fault: 'http', status: 400 },
      [{ text: '## Goal\nSay hello.' }],
      [{ text: 'Hello, from the summary.' }],
    );
    const context = pipeline({ compactor: createCompactor({ client }) });
    const result = await run(context, 'hello');
    assert.equal(result.reason, 'completed');
    assert.ok(!result.events.some((event) => event.type === 'loop-error'), 'the error never surfaced');
    assert.deepEqual(result.transitions, [{ reason: 'compact', trigger: 'reactive' }]);
    const [first, summary, retry] = server.modelRequests;
    assert.ok(isTranscriptSummaryRequest(summary!), 'a too-long prompt is summarised from its rendering');
    assert.deepEqual(comparableMessages(first!), [
      '{"role":"user","content":[{"type":"text","text":"hello"}]}',
    ]);
    assert.equal(comparableMessages(retry!).length, 1, 'the summary and the turn it keeps, as one user turn');
    assert.match(comparableMessages(retry!)[0]!, /Say hello\..*"text":"hello"/);
    assert.equal(context.ledger.compaction?.trigger, 'reactive');
  });

  it('lets the error surface when the retry after compaction is too long again', async () => {
    server.enqueue({ fault: 'http', status: 400 }, [{ text: 'summary' }], { fault: 'http', status: 400 });
    const result = await run(pipeline({ compactor: createCompactor({ client }) }));
    assert.equal(result.reason, 'prompt_too_long');
    assert.equal(server.modelRequests.length, 3, 'one compaction, one retry');
    assert.equal(result.events.filter((event) => event.type === 'loop-error').length, 1);
  });

  it('stops auto-compacting after three failures in a row and says so', async () => {
    const failures: Extract<LoopEvent, { type: 'compact-fail' }>[] = [];
    let calls = 0;
    server.enqueue(read('/w/a'), read('/w/b'), read('/w/c'), read('/w/d'), [{ text: 'done' }]);
    const result = await run(
      pipeline({
        thresholds: { autoCompact: 100 },
        compactor: async () => {
          calls += 1;
          return { ok: false, reason: 'The summary call failed: 529 Overloaded' };
        },
      }),
    );
    failures.push(...result.events.filter((event) => event.type === 'compact-fail'));
    assert.equal(result.reason, 'completed');
    assert.equal(calls, 3);
    assert.equal(server.modelRequests.length, 5, 'the work went on without compaction');
    assert.deepEqual(
      failures.map((event) => [event.failures, event.breakerOpen]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );
    assert.equal(result.state.compactFailures, 3);
  });

  it('summarises over the same prefix: the summary call begins with what the last request carried', async () => {
    server.enqueue(
      read('/w/a'),
      read('/w/b'),
      read('/w/c'),
      [{ text: '## Goal\nRead three files.' }],
      [{ text: 'done' }],
    );
    const context = pipeline({ thresholds: { autoCompact: 1_700 }, compactor: createCompactor({ client }) });
    const result = await run(context);
    assert.equal(result.reason, 'completed');
    const summaryIndex = server.modelRequests.findIndex((request) => isCompactionRequest(request));
    assert.ok(summaryIndex > 0, 'an auto-compaction ran');
    const summaryCall = server.modelRequests[summaryIndex]!;
    const before = server.modelRequests[summaryIndex - 1]!;
    assert.ok(extendsRequest(summaryCall, before), 'the summary call reads the cached prefix');
    assert.deepEqual(
      summaryCall.body && (summaryCall.body as { tools: unknown }).tools,
      (before.body as { tools: unknown }).tools,
    );
    const after = server.modelRequests[summaryIndex + 1]!;
    assert.match(comparableMessages(after)[0]!, /Read three files\./);
    const compaction = result.events.find((event) => event.type === 'context-compact');
    assert.equal(compaction?.cost?.model, 'test-model');
    assert.ok((compaction?.cost?.usage.inputTokens ?? 0) > 0, 'what the summary call cost is reported');
  });

  it('keeps every request a byte-for-byte extension of the one before while the cache is hot', async () => {
    server.enqueue(...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name) => read(`/w/${name}`)), [
      { text: 'done' },
    ]);
    // Microcompact would clear old results at once, were it allowed to touch the cached prefix.
    const context = pipeline({ thresholds: { microcompact: 500 }, keepRecentResults: 1 });
    const result = await run(context);
    assert.equal(result.reason, 'completed');
    assert.ok(!result.events.some((event) => event.type === 'context-trim'));
    const requests = server.modelRequests;
    for (let index = 1; index < requests.length; index += 1)
      assert.ok(
        extendsRequest(requests[index]!, requests[index - 1]!),
        `request ${index} changed its prefix`,
      );
  });

  it('clears old results once the cache has expired, then holds the new prefix', async () => {
    const reads = ['a', 'b', 'c', 'd', 'e'].map((name) => read(`/w/${name}`));
    server.enqueue(...reads, read('/w/f', true), read('/w/g'), read('/w/h'), [{ text: 'done' }]);
    const context = pipeline({ thresholds: { microcompact: 500 }, keepRecentResults: 2 });
    const result = await run(context);
    const trims = result.events.filter((event) => event.type === 'context-trim');
    assert.equal(trims.length, 1, 'one microcompact, after the idle tool call');
    const requests = server.modelRequests.filter((request) => isConversationRequest(request));
    const cleared = requests.findIndex((request) =>
      /Old Read result \(\/w\/a\) cleared/.test(JSON.stringify(request.body)),
    );
    assert.equal(cleared, 6, 'the request after the idle call');
    assert.ok(!extendsRequest(requests[cleared]!, requests[cleared - 1]!));
    for (let index = cleared + 1; index < requests.length; index += 1)
      assert.ok(
        extendsRequest(requests[index]!, requests[index - 1]!),
        `request ${index} changed its prefix`,
      );
  });

  it('saves a tool result too long for the context and sends its preview', async () => {
    const saved = new Map<string, string>();
    const big = buildTool({
      name: 'Dump',
      description: 'Prints a lot.',
      inputSchema: z.object({}),
      maxResultChars: 5_000,
      async *call() {
        return textResult('y'.repeat(50_000));
      },
    });
    server.enqueue({ blocks: [{ toolUse: { name: 'Dump', input: {} } }] }, [{ text: 'done' }]);
    const context = new ContextPipeline({
      describe: (model) => client.describe(model),
      tools: () => [big],
      clock,
      store: {
        directory: '/s/tool-results',
        save: async ({ toolUseId, text }) => {
          saved.set(toolUseId, text);
          return { ok: true, path: `/s/tool-results/${toolUseId}.txt` };
        },
      },
    });
    const result = await runQuery(client, [big], { context, clock, history: [userText('dump it')] });
    assert.equal(result.reason, 'completed');
    const [id, text] = [...saved.entries()][0]!;
    assert.equal(text.length, 50_000);
    const sent = JSON.stringify(server.modelRequests[1]?.body);
    assert.match(sent, new RegExp(`All of it is saved in /s/tool-results/${id}\\.txt`));
    assert.ok(sent.length < 10_000, 'only the preview was sent');
  });
});

export type { RecordedRequest };
