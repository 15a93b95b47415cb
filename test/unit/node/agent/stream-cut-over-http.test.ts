import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTranscriptFlushMs } from '../../../../src/core/session/transcript-recorder';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import type { ProviderName } from '../../../../src/core/model/provider-defaults';
import type { ApprovalAnswer, ApprovalRequest, Clock } from '../../../../src/core/ports';
import type { NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { RecordedRequest, ScriptBlock, ScriptedOutcome } from '../../../support/scripted-turn';

/** What differs between the providers: how to reach them, and the edit tool their models use. */
interface Provider {
  name: ProviderName;
  env(url: string): Record<string, string>;
  /** A tool_use of the model's edit tool that adds `count = 2` under `count = 1` in notes.md. */
  edit(folder: string, id: string): ScriptBlock;
}

const providers: Provider[] = [
  {
    name: 'anthropic',
    env: (url) => ({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: 'k' }),
    edit: (folder, id) => ({
      toolUse: {
        id,
        name: 'Edit',
        input: {
          file_path: join(folder, 'notes.md'),
          old_string: 'count = 1',
          new_string: 'count = 1\ncount = 2',
        },
      },
    }),
  },
  {
    name: 'openai',
    env: (url) => ({ OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'k' }),
    edit: (_folder, id) => ({
      toolUse: {
        id,
        name: 'ApplyPatch',
        input: {
          input: '*** Begin Patch\n*** Update File: notes.md\n@@\n count = 1\n+count = 2\n*** End Patch',
        },
      },
    }),
  },
];

const append: ScriptBlock = {
  toolUse: { id: 'call_append', name: 'Bash', input: { command: 'echo x >> notes.md' } },
};

/** Whether the request answers the tool call `id`, in either provider's wire form. */
const answers = (request: RecordedRequest, id: string): boolean =>
  new RegExp(`"tool_(?:use|call)_id":"${id}"`).test(JSON.stringify(request.body));

/** What a model does next: go on when it got the call's result, otherwise make the call again. */
const goOnOrRepeat =
  (id: string, repeat: ScriptBlock, done: string) =>
  (request: RecordedRequest): ScriptedOutcome =>
    answers(request, id) ? [{ text: done }] : [repeat];

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

for (const provider of providers) {
  describe(`a stream that fails after complete tool calls, over ${provider.name}'s real SDK and HTTP`, function () {
    this.timeout(20_000);
    let server: ScriptedModelServer;
    let folder: string;
    let session: NodeAgentSession | undefined;
    let asks: ApprovalRequest[];
    let sleeps: number[];

    beforeEach(async () => {
      server = new ScriptedModelServer();
      await server.start();
      folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-stream-cut-')));
      asks = [];
      sleeps = [];
    });
    afterEach(async () => {
      await session?.dispose();
      session = undefined;
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    });

    /** A session in the default mode (edits and writing commands ask), on a clock whose waits are instant. */
    async function start(answer: () => Promise<ApprovalAnswer>): Promise<NodeAgentSession> {
      const clock: Clock = {
        now: () => Date.now(),
        random: () => 0.5,
        // The transcript's text batches wait on the clock too; only the retries' waits are counted.
        sleep: async (ms) => void (ms === defaultTranscriptFlushMs || sleeps.push(ms)),
      };
      const created = await createNodeAgent({
        cwd: folder,
        homeDir: folder,
        provider: provider.name,
        env: { ...provider.env(server.url), TANDEM_HOME: join(folder, '.tandem') },
        approver: {
          ask: async (request) => {
            asks.push(request);
            return answer();
          },
        },
        overrides: { clock },
      });
      assert.ok(created.ok, created.ok ? '' : created.message);
      session = created.session;
      return created.session;
    }

    async function submit(
      prompt: string,
      onEvent: (event: LoopEvent) => void = () => {},
    ): Promise<LoopEvent[]> {
      const events: LoopEvent[] = [];
      for await (const event of session!.agent.submit(prompt, new AbortController().signal)) {
        events.push(event);
        onEvent(event);
      }
      return events;
    }

    it('runs a command approved before a reset exactly once and gives the model its result', async () => {
      const approved = deferred();
      await start(async () => {
        approved.resolve();
        return { kind: 'allow-once' };
      });
      server.enqueue(
        {
          fault: 'reset-mid-stream',
          afterBlocks: 2,
          holdUntil: approved.promise,
          blocks: [append, { text: 'Now I will check the file.' }],
        },
        goOnOrRepeat('call_append', append, 'Appended once.'),
      );
      const events = await submit('append x to notes.md');

      assert.equal(readFileSync(join(folder, 'notes.md'), 'utf8'), 'x\n', 'the command ran once');
      assert.equal(asks.length, 1, 'the person was asked once');
      assert.deepEqual(sleeps, [0], 'a reset is retried at once');
      const retry = server.modelRequests[1]!;
      assert.ok(answers(retry, 'call_append'), 'the retry carries the result');
      assert.doesNotMatch(
        JSON.stringify(retry.body),
        /check the file/,
        'the text after the call was not kept',
      );
      assert.ok(events.some((event) => event.type === 'stream-cut'));
      assert.ok(!events.some((event) => event.type === 'stream-discard'));
      assert.match(JSON.stringify(session!.agent.messages.at(-1)), /Appended once\./);
      const saved = readFileSync(session!.transcriptPath, 'utf8');
      assert.match(saved, /"cutOff":\{"reason":"[^"]+"\}/, 'the transcript marks the cut message');
    });

    it('asks once for a command still waiting for the person when the stream is reset, then runs it', async () => {
      const cut = deferred();
      await start(async () => {
        await cut.promise;
        return { kind: 'allow-once' };
      });
      server.enqueue(
        { fault: 'reset-mid-stream', afterBlocks: 2, blocks: [append, { text: 'Then a check.' }] },
        goOnOrRepeat('call_append', append, 'Appended once.'),
      );
      // The person answers after the loop has seen the stream fail, whichever way it handles it.
      await submit('append x to notes.md', (event) => {
        if (event.type === 'stream-cut' || event.type === 'stream-discard') cut.resolve();
      });
      assert.equal(asks.length, 1, 'the prompt was not asked again');
      assert.equal(readFileSync(join(folder, 'notes.md'), 'utf8'), 'x\n');
      assert.ok(answers(server.modelRequests[1]!, 'call_append'));
    });

    it('writes an edit accepted before an overload mid-stream once', async () => {
      writeFileSync(join(folder, 'notes.md'), 'count = 1\n');
      const approved = deferred();
      await start(async () => {
        approved.resolve();
        return { kind: 'allow-once' };
      });
      const edit = provider.edit(folder, 'call_edit');
      server.enqueue(
        [{ toolUse: { name: 'Read', input: { file_path: join(folder, 'notes.md') } } }],
        {
          fault: 'error-mid-stream',
          status: 529,
          afterBlocks: 2,
          holdUntil: approved.promise,
          blocks: [edit, { text: 'Next, the changelog.' }],
        },
        goOnOrRepeat('call_edit', edit, 'Edited once.'),
      );
      await submit('add count = 2');

      assert.equal(readFileSync(join(folder, 'notes.md'), 'utf8'), 'count = 1\ncount = 2\n');
      assert.equal(asks.length, 1, 'the edit was proposed once');
      assert.deepEqual(sleeps, [188], 'an overload backs off as without calls');
      assert.ok(answers(server.modelRequests[2]!, 'call_edit'));
      assert.match(JSON.stringify(session!.agent.messages.at(-1)), /Edited once\./);
    });

    it('discards a stream reset before any call was complete, and runs only the retried call', async () => {
      await start(async () => ({ kind: 'allow-once' }));
      let ranBeforeRetry: boolean | undefined;
      server.enqueue(
        {
          fault: 'reset-mid-stream',
          afterBlocks: 1,
          partialDeltas: 1,
          blocks: [{ text: 'Appending.' }, { ...append, chunk: { tokens: 2 } }],
        },
        (request) => {
          ranBeforeRetry = existsSync(join(folder, 'notes.md'));
          return answers(request, 'call_append') ? [{ text: 'unexpected' }] : [append];
        },
        [{ text: 'Appended once.' }],
      );
      const events = await submit('append x to notes.md');

      assert.equal(ranBeforeRetry, false, 'the half call did not run');
      assert.doesNotMatch(JSON.stringify(server.modelRequests[1]?.body), /call_append|Appending\./);
      assert.ok(events.some((event) => event.type === 'stream-discard'));
      assert.ok(!events.some((event) => event.type === 'stream-cut'));
      assert.equal(readFileSync(join(folder, 'notes.md'), 'utf8'), 'x\n');
      assert.equal(asks.length, 1);
    });

    if (provider.name === 'anthropic') {
      it('sends the signed thinking before a kept call back verbatim, first in the message', async () => {
        await start(async () => ({ kind: 'allow-once' }));
        server.enqueue(
          {
            fault: 'reset-mid-stream',
            afterBlocks: 2,
            partialDeltas: 1,
            blocks: [
              { thinking: 'Append, then check.', signature: 'sig-123' },
              append,
              { text: 'Checking now.' },
            ],
          },
          [{ text: 'Appended once.' }],
        );
        await submit('append x to notes.md');
        const body = server.modelRequests[1]?.body as { messages: { role: string; content: unknown }[] };
        const assistant = body.messages.find((message) => message.role === 'assistant');
        assert.deepEqual(assistant?.content, [
          { type: 'thinking', thinking: 'Append, then check.', signature: 'sig-123' },
          { type: 'tool_use', id: 'call_append', name: 'Bash', input: { command: 'echo x >> notes.md' } },
        ]);
      });
    }
  });
}
