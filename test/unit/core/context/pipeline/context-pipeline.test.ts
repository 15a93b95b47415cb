import { strict as assert } from 'node:assert';
import type { CompactRequest, Compactor, SpanSummarizer } from '../../../../../src/core/context/compactor';
import { ContextPipeline } from '../../../../../src/core/context/pipeline/context-pipeline';
import type { ContextPipelineOptions } from '../../../../../src/core/context/pipeline/context-pipeline-options';
import type { ContextThresholds } from '../../../../../src/core/context/pipeline/context-thresholds';
import { contextThresholds } from '../../../../../src/core/context/pipeline/context-thresholds';
import { emptyLedger, withCompaction } from '../../../../../src/core/context/pipeline/context-ledger';
import type { LoopEvent } from '../../../../../src/core/loop/loop-event';
import type { Message } from '../../../../../src/core/messages/message';
import { emptyUsage } from '../../../../../src/core/messages/message';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import { readingSession, tokensOfAll } from '../../../../support/conversation';
import { instantClock } from '../../../../support/loop-harness';
import { testModel } from '../../../../support/tool-context';

/** A prompt, twelve Read rounds of 4,000 characters (about 1,000 tokens each), an answer. */
const history: readonly Message[] = readingSession(12, 4_000);
const round = tokensOfAll(history.slice(1, 3));
/** A compaction that covers the first eight rounds and keeps rounds 7 and 8 (messages 13–16) verbatim. */
const compacted = withCompaction(emptyLedger, {
  through: 17,
  keepFrom: 13,
  summary: 'Read eight files.',
  attachments: [],
  trigger: 'auto',
  contextTokens: 12_000,
});

interface Run {
  events: LoopEvent[];
  sent: readonly Message[];
  collapses: number;
  compactions: CompactRequest[];
  pipeline: ContextPipeline;
}

async function prepare(
  thresholds: (tokens: number) => Partial<ContextThresholds>,
  options: Partial<ContextPipelineOptions> & { hot?: boolean } = {},
): Promise<Run> {
  const run: Omit<Run, 'pipeline' | 'sent'> = { events: [], collapses: 0, compactions: [] };
  const collapser: SpanSummarizer = async () => {
    run.collapses += 1;
    return { ok: true, summary: 'Two files read.' };
  };
  const compactor: Compactor = async (request) => {
    run.compactions.push(request);
    return { ok: true, summary: 'Everything so far.' };
  };
  const base = new ContextPipeline({
    describe: () => testModel,
    tools: () => [readTool],
    clock: instantClock(),
    ...options,
  });
  const measured = base.meter.measure(base.view(history).messages, 0);
  const pipeline = new ContextPipeline({
    describe: () => testModel,
    tools: () => [readTool],
    clock: instantClock(),
    collapser,
    compactor,
    ...options,
    thresholds: thresholds(measured),
  });
  // A hot cache: the last request carried exactly this view a moment ago.
  if (options.hot)
    pipeline.recordSent({
      messages: pipeline.view(history).messages,
      reply: history.at(-1)!,
      usage: emptyUsage(),
      sentAt: Date.now(),
    });
  const steps = pipeline.prepare({
    history,
    prefix: { model: 'test-model', system: [], tools: [] },
    outputReserve: 1_000,
    fixedTokens: 0,
    afterCompaction: false,
    signal: new AbortController().signal,
  });
  for (;;) {
    const step = await steps.next();
    if (step.done) return { ...run, sent: step.value.messages, pipeline };
    run.events.push(step.value);
  }
}

const ran = (run: Run) =>
  run.events.map((event) => (event.type === 'context-trim' ? event.layer : event.type));

describe('context pipeline: cheapest first, each layer only while still over its threshold', () => {
  it('stops at snip when dropping covered turns is enough', async () => {
    const everythingAt = (tokens: number) => tokens - Math.round(1.5 * round);
    const run = await prepare(
      (tokens) => ({
        snip: everythingAt(tokens),
        microcompact: everythingAt(tokens),
        collapse: everythingAt(tokens),
        autoCompact: everythingAt(tokens),
      }),
      { ledger: compacted },
    );
    assert.deepEqual(ran(run), ['snip']);
    assert.equal(run.collapses, 0);
    assert.equal(run.compactions.length, 0);
    assert.deepEqual(
      run.sent.slice(1, 3),
      history.slice(17, 19),
      'both kept rounds went; what followed stays',
    );
  });

  it('clears old results where the cache is cold when there is nothing to snip', async () => {
    const run = await prepare((tokens) => ({
      snip: tokens - 1,
      microcompact: tokens - 2 * round,
      collapse: tokens - 2 * round,
      autoCompact: tokens - 2 * round,
    }));
    assert.deepEqual(ran(run), ['microcompact']);
    assert.match(JSON.stringify(run.sent[2]), /Old Read result \(\/w\/file-0.ts\) cleared/);
    assert.equal(run.collapses + run.compactions.length, 0);
  });

  it('collapses an old span when the cache is hot, so clearing results would break its prefix', async () => {
    const run = await prepare(
      (tokens) => ({
        snip: tokens - 1,
        microcompact: tokens - 2 * round,
        collapse: tokens - 2 * round,
        autoCompact: tokens - 2 * round,
      }),
      { hot: true },
    );
    assert.deepEqual(ran(run), ['context-collapse']);
    assert.equal(run.collapses, 1);
    assert.equal(run.compactions.length, 0);
    assert.match(JSON.stringify(run.sent[0]), /collapsed into this summary/);
    assert.equal(run.pipeline.ledger.collapses.length, 1);
  });

  it('compacts only when every cheaper layer left the context over the threshold', async () => {
    let collapseCalls = 0;
    const failingCollapser: SpanSummarizer = async () => {
      collapseCalls += 1;
      return { ok: false, reason: 'The summary call failed: 529 Overloaded' };
    };
    const run = await prepare(
      (tokens) => ({
        snip: tokens - 1,
        microcompact: tokens - 1,
        collapse: tokens - 1,
        autoCompact: tokens - 1,
      }),
      { hot: true, collapser: failingCollapser },
    );
    assert.equal(
      collapseCalls,
      1,
      'collapse was tried and failed; snip had nothing, microcompact no uncached tail',
    );
    assert.deepEqual(ran(run), ['context-compact']);
    assert.equal(run.compactions[0]?.trigger, 'auto');
    assert.equal(run.compactions[0]?.messages.length, history.length, 'the summary call saw the whole view');
    assert.match(JSON.stringify(run.sent[0]), /Everything so far\./);
  });

  it('does not count a summary call the person stopped against the breaker', async () => {
    const controller = new AbortController();
    const pipeline = new ContextPipeline({
      describe: () => testModel,
      tools: () => [readTool],
      clock: instantClock(),
      thresholds: { autoCompact: 10 },
      compactor: async () => {
        controller.abort();
        return { ok: false, reason: 'The summary call failed: aborted' };
      },
    });
    const steps = pipeline.prepare({
      history,
      prefix: { model: 'test-model', system: [], tools: [] },
      outputReserve: 1_000,
      fixedTokens: 0,
      afterCompaction: false,
      signal: controller.signal,
    });
    const events: LoopEvent[] = [];
    for (let step = await steps.next(); !step.done; step = await steps.next()) events.push(step.value);
    assert.deepEqual(events, []);
    assert.equal(pipeline.failures, 0);
  });

  it('computes auto-compaction at window − output reserve − buffer', () => {
    assert.equal(contextThresholds({ window: 200_000, outputReserve: 16_384 }).autoCompact, 170_616);
    assert.equal(contextThresholds({ window: 24_000, outputReserve: 2_000 }).autoCompact, 19_600);
    assert.equal(
      contextThresholds({ window: 200_000, outputReserve: 8_000, bufferTokens: 40_000 }).autoCompact,
      152_000,
    );
  });
});
