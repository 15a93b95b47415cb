import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreSession } from '../../../src/core/session/restore-session';
import { historyProblems, wireHistoryProblems } from '../../support/api-history';
import {
  findTranscripts,
  startProcess,
  textAfterLastMessage,
  transcriptObjects,
  waitUntil,
} from '../../support/kill-harness';
import { cliPath } from '../../support/run-cli';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import type { RecordedRequest, ScriptedReply } from '../../support/scripted-turn';

const kills = 50;

type Scenario = 'text' | 'tool-running' | 'after-tool';

/** Every tenth kill lands while a tool runs, every tenth just after one finished; the rest mid-text. */
function scenarioOf(step: number): Scenario {
  if (step % 10 === 3) return 'tool-running';
  if (step % 10 === 7) return 'after-tool';
  return 'text';
}

/** A long answer, distinct per step, streamed 8 characters every 10 ms: it is always killed first. */
function answerOf(step: number): string {
  return Array.from({ length: 300 }, (_, sentence) => `Step ${step}, sentence ${sentence}. `).join('');
}

const slow = (text: string): ScriptedReply => ({ blocks: [{ text }], chunk: { tokens: 2, delayMs: 10 } });

interface WireMessage {
  role: string;
  content: { type: string; text?: string; content?: unknown; is_error?: boolean; name?: string }[];
}

/** A deterministic sequence of "random" extra deltas, so a failure can be replayed. */
function extraDeltas(step: number): number {
  return (step * 37) % 90;
}

describe(`the CLI killed with SIGKILL mid-turn ${kills} times, resumed after each kill`, function () {
  this.timeout(30 * 60_000);
  let server: ScriptedModelServer;
  let folder: string;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { url } = await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-kill-')));
    writeFileSync(join(folder, 'README.md'), '# the project\n');
    env = {
      HOME: folder,
      TANDEM_HOME: join(folder, '.tandem-home'),
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'test-key',
    };
  });

  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('each resume sends the transcript intact to the last batch written, as a request the API accepts', async () => {
    /** What every assistant text block of the conversation must read, in order. */
    const expectedTexts: string[] = [];
    let sessionId: string | undefined;
    let transcript = '';
    const mainRequests: RecordedRequest[] = [];
    const record = (reply: ScriptedReply) => (request: RecordedRequest) => {
      mainRequests.push(request);
      return reply;
    };
    for (let step = 0; step <= kills; step += 1) {
      const scenario = scenarioOf(step);
      const last = step === kills;
      if (last) server.enqueue(record({ blocks: [{ text: 'All steps read.' }] }));
      else if (scenario === 'text') server.enqueue(record(slow(answerOf(step))));
      else if (scenario === 'after-tool')
        server.enqueue(
          record({
            blocks: [{ toolUse: { name: 'Read', input: { file_path: join(folder, 'README.md') } } }],
          }),
          record(slow(answerOf(step))),
        );
      else
        server.enqueue(
          record({
            blocks: [
              { text: 'Running the slow check.' },
              { toolUse: { name: 'Bash', input: { command: 'sleep 3' } } },
            ],
          }),
        );
      const requestsBefore = mainRequests.length;
      const args = [
        '-p',
        `step ${step}`,
        '--permission-mode',
        'acceptEdits',
        '--allowedTools',
        'Bash(sleep:*)',
        '--output-format',
        'json',
        ...(sessionId ? ['--resume', sessionId] : []),
      ];
      const run = startProcess(cliPath, args, { cwd: folder, env });

      // The resume's first request carries everything the kills left: check it before going on.
      await waitUntil(() => mainRequests.length > requestsBefore, run, `step ${step}'s request`);
      const body = mainRequests[requestsBefore]!.body as { messages: WireMessage[] };
      assert.deepEqual(wireHistoryProblems(body.messages as never), [], `step ${step}: the request is valid`);
      const texts = body.messages.flatMap((message) =>
        message.role === 'assistant'
          ? message.content.flatMap((block) => (block.type === 'text' ? [block.text] : []))
          : [],
      );
      assert.deepEqual(texts, expectedTexts, `step ${step}: every earlier answer, as far as it was saved`);

      if (last) {
        const exit = await run.exited;
        assert.equal(exit.code, 0, run.stderr());
        break;
      }
      transcript ||= await discoverTranscript(run, env.TANDEM_HOME!);
      sessionId ??= transcript
        .split('/')
        .at(-1)!
        .replace(/\.jsonl$/, '');
      const requestIndex = (): number => server.requests.indexOf(mainRequests.at(-1)!);
      const streamed = () => sincePrompt(transcriptObjects(transcript), step).at(-1)?.type === 'stream-text';

      if (scenario === 'tool-running') {
        // The call is whole in the transcript, so the tool is running: `sleep 3` outlives the kill.
        await waitUntil(
          () => sincePrompt(transcriptObjects(transcript), step).some(isToolCallMessage),
          run,
          'the tool call',
        );
      } else {
        await waitUntil(
          () => mainRequests.length > requestsBefore + (scenario === 'after-tool' ? 1 : 0),
          run,
          'the answer',
        );
        await waitUntil(streamed, run, 'a first batch of text in the transcript');
        const target = deltasOf(server, requestIndex()) + extraDeltas(step);
        await waitUntil(() => deltasOf(server, requestIndex()) >= target, run, 'more deltas');
      }
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      assert.equal(exit.signal, 'SIGKILL', 'killed, not finished');

      if (scenario === 'tool-running') expectedTexts.push('Running the slow check.');
      else {
        const saved = textAfterLastMessage(transcriptObjects(transcript));
        const answer = answerOf(step);
        assert.ok(
          saved.length > 0 && answer.startsWith(saved),
          `step ${step}: a prefix of the answer was saved`,
        );
        assert.ok(saved.length < answer.length, `step ${step}: killed mid-stream`);
        expectedTexts.push(saved);
      }
    }
    const restored = restoreSession(readFileSync(transcript, 'utf8').split('\n'));
    assert.deepEqual(historyProblems(restored.messages), []);
    assert.equal(
      restored.messages.filter((message) => message.role === 'assistant' && message.interrupted).length,
      [...Array(kills).keys()].filter((step) => scenarioOf(step) !== 'tool-running').length,
      'every answer cut mid-text is marked interrupted',
    );
    const interruptedCalls = restored.messages.flatMap((message) =>
      message.role === 'user'
        ? message.content.filter(
            (block) =>
              block.type === 'tool_result' && block.isError && /^Interrupted/.test(String(block.content)),
          )
        : [],
    );
    assert.equal(
      interruptedCalls.length,
      [...Array(kills).keys()].filter((step) => scenarioOf(step) === 'tool-running').length,
    );
  });
});

/** The entries written after the person's message of this step. */
function sincePrompt(objects: Record<string, unknown>[], step: number): Record<string, unknown>[] {
  const at = objects.findIndex(
    (entry) => entry.type === 'message' && JSON.stringify(entry.message).includes(`"step ${step}"`),
  );
  return at === -1 ? [] : objects.slice(at + 1);
}

function isToolCallMessage(entry: Record<string, unknown>): boolean {
  const message = entry.message as { role?: string; content?: { type: string }[] } | undefined;
  return (
    entry.type === 'message' &&
    message?.role === 'assistant' &&
    (message.content ?? []).some((block) => block.type === 'tool_use')
  );
}

function deltasOf(server: ScriptedModelServer, requestIndex: number): number {
  return server.deltas.filter((delta) => delta.requestIndex === requestIndex).length;
}

async function discoverTranscript(run: ReturnType<typeof startProcess>, home: string): Promise<string> {
  // Sessions live under the project's folder; the checkpoint journals beside them are JSONL too.
  const projects = join(home, 'projects');
  await waitUntil(() => findTranscripts(projects).length === 1, run, 'the transcript file');
  return findTranscripts(projects)[0]!;
}
