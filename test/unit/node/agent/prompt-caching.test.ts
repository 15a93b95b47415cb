import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../../../support/scripted-turn';
import { valueAt } from '../../../support/value-at';

const fileCount = 16;
const fileName = (index: number) => `module-${index}.ts`;
const source = (index: number) =>
  Array.from({ length: 30 }, (_, line) => `export const value${index}_${line} = ${index * line};`).join('\n');

const read = (folder: string, ...indexes: number[]): ScriptedOutcome => ({
  blocks: indexes.map((index) => ({
    toolUse: { name: 'Read', input: { file_path: join(folder, fileName(index)) } },
  })),
});

const uncached = (request: RecordedRequest) =>
  (request.usage?.input_tokens ?? 0) + (request.usage?.cache_creation_input_tokens ?? 0);
const total = (request: RecordedRequest) => uncached(request) + (request.usage?.cache_read_input_tokens ?? 0);

describe('prompt caching over a multi-turn session (real SDK, emulated Anthropic cache)', function () {
  this.timeout(30_000);
  let server: ScriptedModelServer;
  let folder: string;
  const sessions: NodeAgentSession[] = [];

  before(async () => {
    server = new ScriptedModelServer({ promptCache: {} });
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-caching-')));
    mkdirSync(join(folder, 'home'));
    for (let index = 1; index <= fileCount; index += 1)
      writeFileSync(join(folder, fileName(index)), source(index));
    server.enqueue(
      read(folder, 1),
      read(folder, 2),
      // A wide turn: 12 calls and 12 results add 24 blocks, past the API's 20-block lookback.
      read(folder, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
      read(folder, 15),
      [{ text: 'Read them.' }],
      read(folder, 16),
      [{ text: 'And the last one.' }],
      [{ text: 'Hello again.' }],
    );
    for (const prompts of [['Read the modules.', 'Now the last one.'], ['Hello.']]) {
      const created = await createNodeAgent({
        cwd: folder,
        homeDir: join(folder, 'home'),
        env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
        approver: { ask: async () => ({ kind: 'deny' }) },
      });
      assert.ok(created.ok, created.ok ? '' : created.message);
      sessions.push(created.session);
      for (const prompt of prompts) {
        for await (const event of created.session.agent.submit(prompt, new AbortController().signal)) {
          if (event.type === 'loop-error') assert.fail(event.error.message);
        }
      }
    }
  });

  after(async () => {
    for (const session of sessions) await session.dispose();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const firstSession = () => server.modelRequests.slice(0, 7);

  it('places at most four breakpoints: static prompt, dynamic prompt, previous request, newest message', () => {
    for (const [index, request] of firstSession().entries()) {
      const report = request.cache!;
      const system = valueAt(request.body, 'system') as unknown[];
      const tools = (valueAt(request.body, 'tools') as unknown[]).length;
      const messages = (valueAt(request.body, 'messages') as unknown[]).length;
      const systemMarks = report.breakpoints.filter((point) => point.section === 'system');
      assert.deepEqual(
        systemMarks.map((point) => point.block - tools),
        [4, system.length - 1],
        `request ${index}: the static and dynamic layers`,
      );
      assert.ok(
        !report.breakpoints.some((point) => point.section === 'tools'),
        'the tools need no mark of their own',
      );
      const previousEnd =
        index === 0 ? [] : [(valueAt(firstSession()[index - 1]!.body, 'messages') as unknown[]).length - 1];
      assert.deepEqual(
        report.breakpoints.filter((point) => point.section === 'messages').map((point) => point.message),
        [...previousEnd, messages - 1],
        `request ${index}: the previous request's end and the newest message`,
      );
    }
  });

  it('pays in full for no more than the newest turn after the first request', () => {
    const requests = firstSession();
    assert.ok(uncached(requests[0]!) > 3_000, 'the first request writes the prompt');
    for (let index = 1; index < requests.length; index += 1) {
      const added = total(requests[index]!) - total(requests[index - 1]!);
      assert.ok(
        uncached(requests[index]!) <= added,
        `request ${index} paid ${uncached(requests[index]!)} in full for a turn of ${added}`,
      );
    }
  });

  it('finds the previous request after a turn wider than the lookback', () => {
    const afterWide = firstSession()[3]!;
    const previousEnd = afterWide.cache!.breakpoints.find((point) => point.section === 'messages');
    assert.equal(afterWide.cache!.readThroughBlock, previousEnd?.block);
  });

  it('starts a second session in the same folder reading the whole system prompt from the cache', () => {
    const first = server.modelRequests[0]!;
    const next = server.modelRequests[7]!;
    const dynamicEnd = next.cache!.breakpoints.filter((point) => point.section === 'system').at(-1)!;
    assert.equal(next.cache!.readThroughBlock, dynamicEnd.block);
    assert.equal(next.cache!.totalTokens - dynamicEnd.prefixTokens, uncached(next));
    assert.equal(
      dynamicEnd.prefixTokens,
      first.cache!.breakpoints.filter((point) => point.section === 'system').at(-1)!.prefixTokens,
    );
  });
});
