import { strict as assert } from 'node:assert';
import type { ToolResultBlock } from '../../../../src/core/messages/message';
import type { ModelClient } from '../../../../src/core/model/model-client';
import type { Clock } from '../../../../src/core/ports';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { OpenaiClient } from '../../../../src/node/providers/openai-client';
import type { CallRecord, RunResult } from '../../../support/loop-harness';
import { runQuery, timingTools } from '../../../support/loop-harness';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { ScriptedOutcome } from '../../../support/scripted-turn';

/** A fake clock: sleeps return at once and are recorded; `onSleep` runs inside each. */
function recordingClock(onSleep?: () => Promise<void>): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      await onSleep?.();
    },
  };
}

const toolResults = (run: RunResult): ToolResultBlock[] =>
  run.state.messages.flatMap((message) =>
    message.role === 'user' && typeof message.content !== 'string'
      ? message.content.filter((block): block is ToolResultBlock => block.type === 'tool_result')
      : [],
  );

const change = (ms = 1): ScriptedOutcome => ({ blocks: [{ toolUse: { name: 'Change', input: { ms } } }] });

// The default policy's base is 250 ms; the fake clock's random is 0.5, the middle of the jitter.
const firstBackOff = 188;
const secondBackOff = 375;

const providers: { name: string; client: (urls: { url: string; openaiBaseUrl: string }) => ModelClient }[] = [
  { name: 'Anthropic', client: ({ url }) => new AnthropicClient({ baseUrl: url, apiKey: 'test', env: {} }) },
  {
    name: 'OpenAI',
    client: ({ openaiBaseUrl }) => new OpenaiClient({ baseUrl: openaiBaseUrl, apiKey: 'test', env: {} }),
  },
];

for (const provider of providers) {
  describe(`the loop under model faults over ${provider.name}'s real SDK and HTTP`, function () {
    this.timeout(20_000);
    let server: ScriptedModelServer;
    let client: ModelClient;
    let port: number;

    beforeEach(async () => {
      server = new ScriptedModelServer();
      const urls = await server.start();
      port = Number(new URL(urls.url).port);
      client = provider.client(urls);
    });
    afterEach(() => server.close());

    const run = (clock: Clock, log: CallRecord[] = []) =>
      runQuery(client, timingTools(log), { clock, model: 'test-model', maxTurns: 30 });

    it('retries a 429 with retry-after: 0 at once', async () => {
      server.enqueue({ fault: 'http', status: 429, retryAfter: 0 }, { blocks: [{ text: 'ok' }] });
      const clock = recordingClock();
      const result = await run(clock);
      assert.equal(result.reason, 'completed');
      assert.deepEqual(clock.sleeps, [0]);
      assert.equal(server.modelRequests.length, 2);
    });

    it('waits exactly the retry-after-ms a 429 asks for, without back-off on top', async () => {
      server.enqueue(
        { fault: 'http', status: 429, retryAfterMs: 1_500, retryAfter: 9 },
        { fault: 'http', status: 429, retryAfterMs: 40 },
        { blocks: [{ text: 'ok' }] },
      );
      const clock = recordingClock();
      assert.equal((await run(clock)).reason, 'completed');
      assert.deepEqual(clock.sleeps, [1_500, 40]);
    });

    it('backs off a 529 and then a 500 exponentially from a small base', async () => {
      server.enqueue(
        { fault: 'http', status: 529 },
        { fault: 'http', status: 500 },
        { blocks: [{ text: 'ok' }] },
      );
      const clock = recordingClock();
      assert.equal((await run(clock)).reason, 'completed');
      assert.deepEqual(clock.sleeps, [firstBackOff, secondBackOff]);
    });

    it('backs off an overload reported inside the stream like an HTTP 529', async () => {
      server.enqueue(
        { fault: 'error-mid-stream', afterBlocks: 1, status: 529 },
        { blocks: [{ text: 'ok' }] },
      );
      const clock = recordingClock();
      const result = await run(clock);
      assert.equal(result.reason, 'completed');
      assert.deepEqual(clock.sleeps, [firstBackOff]);
      assert.doesNotMatch(JSON.stringify(result.state.messages), /partial answer/);
    });

    it('retries a stream reset mid-answer at once and keeps none of the half answer', async () => {
      server.enqueue({ fault: 'reset-mid-stream', afterBlocks: 1 }, { blocks: [{ text: 'whole answer' }] });
      const clock = recordingClock();
      const result = await run(clock);
      assert.equal(result.reason, 'completed');
      assert.deepEqual(clock.sleeps, [0]);
      assert.deepEqual(
        result.state.messages.map((message) => message.role),
        ['user', 'assistant'],
      );
      assert.match(JSON.stringify(result.state.messages[1]), /whole answer/);
      assert.doesNotMatch(JSON.stringify(result.state.messages), /partial answer/);
    });

    it('retries a refused connection at once, then backs off if it is still refused', async () => {
      await server.close();
      let refusals = 2;
      const clock = recordingClock(async () => {
        refusals -= 1;
        if (refusals === 0) await server.start(port);
      });
      server.enqueue({ blocks: [{ text: 'back again' }] });
      const result = await run(clock);
      assert.equal(result.reason, 'completed');
      assert.deepEqual(clock.sleeps, [0, firstBackOff]);
      assert.equal(server.modelRequests.length, 1, 'the refused attempts never reached the server');
    });

    it('sends malformed tool JSON back to the model as an error result, without a retry', async () => {
      server.enqueue({ fault: 'malformed-tool-json', name: 'Change' }, { blocks: [{ text: 'fixed' }] });
      const clock = recordingClock();
      const result = await run(clock);
      assert.equal(result.reason, 'completed');
      assert.deepEqual(clock.sleeps, []);
      const [error] = toolResults(result);
      assert.equal(error?.isError, true);
      assert.match(String(error?.content), /not valid JSON/);
      assert.match(JSON.stringify(server.modelRequests[1]?.body), /not valid JSON/);
    });

    it('counts attempts per request: after a success the next failure starts from the base again', async () => {
      server.enqueue(
        { fault: 'http', status: 529 },
        { fault: 'http', status: 529 },
        change(),
        { fault: 'http', status: 529 },
        { blocks: [{ text: 'done' }] },
      );
      const clock = recordingClock();
      assert.equal((await run(clock)).reason, 'completed');
      assert.deepEqual(clock.sleeps, [firstBackOff, secondBackOff, firstBackOff]);
    });

    it('lands every step of a task under every kind of fault and loses nothing', async () => {
      const faults: ScriptedOutcome[] = [
        { fault: 'http', status: 429, retryAfter: 0 },
        { fault: 'http', status: 529 },
        { fault: 'http', status: 500 },
        { fault: 'reset-mid-stream', afterBlocks: 1 },
        { fault: 'malformed-tool-json', name: 'Change' },
      ];
      for (let step = 0; step < 5; step += 1) server.enqueue(...faults.slice(0, step + 1), change());
      server.enqueue({ blocks: [{ text: 'all five steps done' }] });
      const log: CallRecord[] = [];
      const result = await run(recordingClock(), log);
      assert.equal(result.reason, 'completed');
      assert.equal(log.length, 5, 'each step ran exactly once');
      assert.equal(server.pending, 0);
      const results = toolResults(result);
      assert.deepEqual(
        results.map((block) => block.isError),
        [false, false, false, false, true, false],
      );
      assert.deepEqual(result.state.messages[0], { role: 'user', content: [{ type: 'text', text: 'go' }] });
      assert.match(JSON.stringify(result.state.messages.at(-1)), /all five steps done/);
    });
  });
}
