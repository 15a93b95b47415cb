import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HookEventInput } from '../../../../src/core/hooks/hook-event';
import { HookRunner } from '../../../../src/core/hooks/hook-runner';
import { silentLogger } from '../../../../src/core/ports';
import type { HookHandler, HooksSettings } from '../../../../src/core/settings/settings-schema';
import { NodeHookExecutor } from '../../../../src/node/hooks/node-hook-executor';

const fixtures = resolve(__dirname, '../../../fixtures/hooks');
const script = (name: string, ...args: string[]) =>
  [`bash "${join(fixtures, name)}"`, ...args.map((arg) => `"${arg}"`)].join(' ');
const command = (name: string, ...args: string[]): HookHandler => ({
  type: 'command',
  command: script(name, ...args),
});

/** True once the process is gone or a zombie (killed, waiting for the init process to reap it). */
/** Polls until the process is gone (a zombie counts); the test's own timeout bounds the wait. */
async function waitUntilGone(pid: number): Promise<void> {
  for (;;) {
    if (process.platform === 'linux') {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
      if (stat === undefined || / Z /.test(stat)) return;
    } else if (!isAlive(pid)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const bashCall: HookEventInput = {
  event: 'PreToolUse',
  toolName: 'Bash',
  toolInput: { command: 'rm -rf build' },
};
const signal = new AbortController().signal;

describe('hooks with real scripts', () => {
  let project: string;

  beforeEach(async () => {
    project = await realpath(await mkdtemp(join(tmpdir(), 'tandem-hooks-')));
  });
  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  function runner(hooks: HooksSettings): HookRunner {
    return new HookRunner({
      hooks,
      executor: new NodeHookExecutor(),
      sessionId: 'session-1',
      transcriptPath: join(project, 'transcript.jsonl'),
      cwd: project,
      logger: silentLogger,
    });
  }
  const preToolUse = (...handlers: HookHandler[]): HooksSettings => ({
    PreToolUse: [{ matcher: 'Bash', hooks: handlers }],
  });

  it('denies a tool call when the hook exits 2, with its stderr as the reason', async () => {
    const outcome = await runner(preToolUse(command('block.sh'))).run(bashCall, signal);
    assert.equal(outcome.blocked, true);
    assert.equal(outcome.blockReason, 'rm -rf is not allowed in this project');
    assert.equal(outcome.permissionDecision, 'deny');
  });

  it('lets the call go on when the hook exits 0 silently', async () => {
    const outcome = await runner(preToolUse(command('allow.sh'))).run(bashCall, signal);
    assert.deepEqual(outcome, { blocked: false, additionalContext: [], messages: [] });
  });

  for (const decision of ['allow', 'ask', 'deny'] as const) {
    it(`honours a JSON permissionDecision "${decision}" with its reason`, async () => {
      const outcome = await runner(preToolUse(command('permission-decision.sh', decision))).run(
        bashCall,
        signal,
      );
      assert.equal(outcome.permissionDecision, decision);
      assert.equal(outcome.permissionReason, `policy says ${decision}`);
      assert.equal(outcome.blocked, false);
    });
  }

  it('lets deny win when parallel hooks disagree', async () => {
    const outcome = await runner(
      preToolUse(
        command('permission-decision.sh', 'allow'),
        command('permission-decision.sh', 'deny'),
        command('permission-decision.sh', 'ask'),
      ),
    ).run(bashCall, signal);
    assert.equal(outcome.permissionDecision, 'deny');
  });

  it("gives the model a UserPromptSubmit hook's plain output as context", async () => {
    const outcome = await runner({ UserPromptSubmit: [{ hooks: [command('plain-context.sh')] }] }).run(
      { event: 'UserPromptSubmit', prompt: 'migrate the db' },
      signal,
    );
    assert.deepEqual(outcome.additionalContext, ['The staging database is read-only today.']);
  });

  it('passes JSON additionalContext and the system message on', async () => {
    const outcome = await runner({
      PostToolUse: [{ matcher: 'Edit|Write', hooks: [command('json-context.sh')] }],
    }).run(
      { event: 'PostToolUse', toolName: 'Write', toolInput: {}, toolResponse: { success: true } },
      signal,
    );
    assert.deepEqual(outcome.additionalContext, ['The file was reformatted with prettier.']);
    assert.deepEqual(outcome.messages, [{ level: 'warning', text: 'formatter ran' }]);
  });

  it('stops the turn when a hook answers continue:false', async () => {
    const outcome = await runner(preToolUse(command('stop-session.sh'))).run(bashCall, signal);
    assert.deepEqual(outcome.stopContinuation, { reason: 'Build is broken; fix CI first.' });
  });

  it('keeps the agent going once from a Stop hook, then lets it stop', async () => {
    const hooks: HooksSettings = { Stop: [{ hooks: [command('keep-going.sh')] }] };
    const first = await runner(hooks).run({ event: 'Stop', stopHookActive: false }, signal);
    assert.deepEqual([first.blocked, first.blockReason], [true, 'Run the tests before you finish.']);
    const second = await runner(hooks).run({ event: 'Stop', stopHookActive: true }, signal);
    assert.equal(second.blocked, false);
  });

  it('kills a hanging hook with its children at the timeout and does not block', async () => {
    const pidFile = join(project, 'child.pid');
    const outcome = await runner(
      preToolUse({ type: 'command', command: script('hang.sh', pidFile), timeout: 0.5 }),
    ).run(bashCall, signal);
    // hang.sh never ends on its own: an outcome at all, saying "timed out", means it was stopped.
    assert.equal(outcome.blocked, false);
    assert.match(outcome.messages[0]?.text ?? '', /timed out after 0.5 s/);
    await waitUntilGone(Number(await readFile(pidFile, 'utf8')));
  });

  it('reports a hook that fails with exit 1 but does not block', async () => {
    const outcome = await runner(preToolUse(command('fail.sh'))).run(bashCall, signal);
    assert.equal(outcome.blocked, false);
    assert.equal(outcome.permissionDecision, undefined);
    assert.deepEqual(
      outcome.messages.map((message) => message.level),
      ['warning'],
    );
    assert.match(outcome.messages[0]?.text ?? '', /exit code 1: lint crashed/);
  });

  it('treats broken JSON output as plain text', async () => {
    const outcome = await runner(preToolUse(command('not-json.sh'))).run(bashCall, signal);
    assert.equal(outcome.blocked, false);
    assert.equal(outcome.permissionDecision, undefined);
  });

  it('runs only hooks whose matcher fits the tool', async () => {
    const outcome = await runner({
      PreToolUse: [
        { matcher: 'Edit|Write', hooks: [command('block.sh')] },
        { matcher: 'mcp__.*', hooks: [command('block.sh')] },
      ],
    }).run(bashCall, signal);
    assert.equal(outcome.blocked, false);
    const mcp = await runner({ PreToolUse: [{ matcher: 'mcp__.*', hooks: [command('block.sh')] }] }).run(
      { event: 'PreToolUse', toolName: 'mcp__github__create_issue', toolInput: {} },
      signal,
    );
    assert.equal(mcp.blocked, true);
  });

  it('sends the event JSON on stdin and runs in the project folder with CLAUDE_PROJECT_DIR', async () => {
    const out = join(project, 'received.json');
    await runner(preToolUse(command('record-input.sh', out))).run(bashCall, signal);
    const received = JSON.parse(await readFile(out, 'utf8')) as {
      stdin: Record<string, unknown>;
      projectDir: string;
      pwd: string;
    };
    assert.equal(received.projectDir, project);
    assert.equal(received.pwd, project);
    assert.equal(received.stdin['hook_event_name'], 'PreToolUse');
    assert.equal(received.stdin['session_id'], 'session-1');
    assert.deepEqual(received.stdin['tool_input'], { command: 'rm -rf build' });
  });

  it('stops a running hook when the turn is aborted', async () => {
    const controller = new AbortController();
    const pidFile = join(project, 'p');
    const pending = runner(
      preToolUse({ type: 'command', command: script('hang.sh', pidFile), timeout: 30 }),
    ).run(bashCall, controller.signal);
    setTimeout(() => controller.abort(), 200);
    const outcome = await pending;
    // Before its 30 s timeout, with no "timed out" message: the abort stopped it.
    assert.deepEqual(outcome, { blocked: false, additionalContext: [], messages: [] });
    await waitUntilGone(Number(await readFile(pidFile, 'utf8')));
  });

  describe('http hooks', () => {
    let server: Server;
    let url: string;
    let answer: { status: number; body: string; delayMs?: number };
    const received: { body: string; headers: Record<string, unknown> }[] = [];

    before(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push({ body, headers: request.headers });
          setTimeout(() => {
            response.writeHead(answer.status, { 'content-type': 'application/json' });
            response.end(answer.body);
          }, answer.delayMs ?? 0);
        });
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    });
    beforeEach(() => {
      received.length = 0;
    });

    it('POSTs the event and applies a JSON deny from the answer', async () => {
      answer = {
        status: 200,
        body: '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"server says no"}}',
      };
      const outcome = await runner(preToolUse({ type: 'http', url, headers: { 'x-token': 'abc' } })).run(
        bashCall,
        signal,
      );
      assert.equal(outcome.permissionDecision, 'deny');
      assert.equal(outcome.permissionReason, 'server says no');
      assert.equal(received[0]?.headers['x-token'], 'abc');
      assert.equal(received[0]?.headers['content-type'], 'application/json');
      assert.equal((JSON.parse(received[0]?.body ?? '{}') as Record<string, unknown>)['tool_name'], 'Bash');
    });

    it('reports a non-2xx answer without blocking', async () => {
      answer = { status: 503, body: '{"decision":"block","reason":"x"}' };
      const outcome = await runner(preToolUse({ type: 'http', url })).run(bashCall, signal);
      assert.equal(outcome.blocked, false);
      assert.equal(outcome.permissionDecision, undefined);
      assert.match(outcome.messages[0]?.text ?? '', /HTTP 503/);
    });

    it('reports a server that answers too late', async () => {
      answer = { status: 200, body: '{}', delayMs: 2_000 };
      const outcome = await runner(preToolUse({ type: 'http', url, timeout: 0.2 })).run(bashCall, signal);
      assert.equal(outcome.blocked, false);
      assert.match(outcome.messages[0]?.text ?? '', /timed out/);
    });
  });
});
