import { strict as assert } from 'node:assert';
import { toHookWireInput } from '../../../../src/core/hooks/hook-event';
import type { HookEventInput } from '../../../../src/core/hooks/hook-event';
import type {
  HookCommandRequest,
  HookCommandResult,
  HookExecutor,
  HookHttpRequest,
  HookHttpResult,
} from '../../../../src/core/hooks/hook-executor';
import { HookRunner } from '../../../../src/core/hooks/hook-runner';
import { silentLogger } from '../../../../src/core/ports';
import type { HooksSettings } from '../../../../src/core/settings/settings-schema';

/** Answers each command from a table and records what it was asked. */
class ScriptedExecutor implements HookExecutor {
  readonly commands: HookCommandRequest[] = [];
  readonly posts: HookHttpRequest[] = [];
  constructor(
    private readonly answers: Record<string, HookCommandResult>,
    private readonly http: HookHttpResult = { kind: 'response', status: 200, body: '' },
  ) {}
  async runCommand(request: HookCommandRequest): Promise<HookCommandResult> {
    this.commands.push(request);
    return this.answers[request.command] ?? { kind: 'exited', exitCode: 0, stdout: '', stderr: '' };
  }
  async postHttp(request: HookHttpRequest): Promise<HookHttpResult> {
    this.posts.push(request);
    return this.http;
  }
}

function runner(hooks: HooksSettings, executor: HookExecutor): HookRunner {
  return new HookRunner({
    hooks,
    executor,
    sessionId: 's1',
    transcriptPath: '/t/s1.jsonl',
    cwd: '/repo/pkg',
    projectDir: '/repo',
    logger: silentLogger,
  });
}

const bash: HookEventInput = {
  event: 'PreToolUse',
  toolName: 'Bash',
  toolInput: { command: 'ls' },
  toolUseId: 'tu1',
};
const signal = new AbortController().signal;

describe('HookRunner', () => {
  it('runs only the groups whose matcher fits the tool', async () => {
    const executor = new ScriptedExecutor({});
    const hooks: HooksSettings = {
      PreToolUse: [
        { matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'edit-hook' }] },
        { matcher: 'Bash', hooks: [{ type: 'command', command: 'bash-hook', timeout: 5 }] },
      ],
    };
    await runner(hooks, executor).run(bash, signal);
    assert.deepEqual(
      executor.commands.map((command) => [
        command.command,
        command.timeoutMs,
        command.cwd,
        command.env['CLAUDE_PROJECT_DIR'],
      ]),
      [['bash-hook', 5_000, '/repo', '/repo']],
    );
    assert.deepEqual(JSON.parse(executor.commands[0]?.stdin ?? ''), {
      session_id: 's1',
      transcript_path: '/t/s1.jsonl',
      cwd: '/repo/pkg',
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_use_id: 'tu1',
    });
  });

  it('reports a non-2 exit code as a warning and does not block', async () => {
    const executor = new ScriptedExecutor({
      lint: { kind: 'exited', exitCode: 1, stdout: '', stderr: 'crashed' },
    });
    const outcome = await runner(
      { PreToolUse: [{ hooks: [{ type: 'command', command: 'lint' }] }] },
      executor,
    ).run(bash, signal);
    assert.equal(outcome.blocked, false);
    assert.equal(outcome.permissionDecision, undefined);
    assert.match(outcome.messages[0]?.text ?? '', /exit code 1: crashed/);
  });

  it('reports a timed-out hook without a decision', async () => {
    const executor = new ScriptedExecutor({ slow: { kind: 'timed-out', stdout: '', stderr: '' } });
    const outcome = await runner(
      { Stop: [{ hooks: [{ type: 'command', command: 'slow', timeout: 2 }] }] },
      executor,
    ).run({ event: 'Stop', stopHookActive: false }, signal);
    assert.equal(outcome.blocked, false);
    assert.match(outcome.messages[0]?.text ?? '', /timed out after 2 s/);
  });

  it('reports a non-2xx HTTP answer without blocking', async () => {
    const executor = new ScriptedExecutor({}, { kind: 'response', status: 500, body: 'boom' });
    const outcome = await runner(
      { UserPromptSubmit: [{ hooks: [{ type: 'http', url: 'http://127.0.0.1:9/hook' }] }] },
      executor,
    ).run({ event: 'UserPromptSubmit', prompt: 'hi' }, signal);
    assert.equal(outcome.blocked, false);
    assert.match(outcome.messages[0]?.text ?? '', /HTTP 500: boom/);
    assert.equal(executor.posts[0]?.timeoutMs, 30_000);
  });

  it('skips hook types it does not run, with a warning', async () => {
    const outcome = await runner(
      { Stop: [{ hooks: [{ type: 'prompt', prompt: 'done?' }] }] },
      new ScriptedExecutor({}),
    ).run({ event: 'Stop', stopHookActive: false }, signal);
    assert.match(outcome.messages[0]?.text ?? '', /"prompt" is not supported/);
  });

  it('matches SessionStart hooks on the source', async () => {
    const executor = new ScriptedExecutor({});
    const hooks: HooksSettings = {
      SessionStart: [{ matcher: 'resume', hooks: [{ type: 'command', command: 'on-resume' }] }],
    };
    await runner(hooks, executor).run({ event: 'SessionStart', source: 'startup' }, signal);
    assert.equal(executor.commands.length, 0);
    await runner(hooks, executor).run({ event: 'SessionStart', source: 'resume' }, signal);
    assert.equal(executor.commands.length, 1);
  });

  it('says whether any hook would run for an event', () => {
    const hooks: HooksSettings = {
      PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'fmt' }] }],
    };
    const subject = runner(hooks, new ScriptedExecutor({}));
    assert.equal(
      subject.has({ event: 'PostToolUse', toolName: 'Edit', toolInput: {}, toolResponse: {} }),
      true,
    );
    assert.equal(
      subject.has({ event: 'PostToolUse', toolName: 'Read', toolInput: {}, toolResponse: {} }),
      false,
    );
  });
});

describe('toHookWireInput', () => {
  const session = { sessionId: 's', transcriptPath: '/t', cwd: '/c' };
  const table: [HookEventInput, Record<string, unknown>][] = [
    [
      {
        event: 'PostToolUse',
        toolName: 'Write',
        toolInput: { file_path: '/c/a' },
        toolResponse: { success: true },
      },
      { tool_name: 'Write', tool_input: { file_path: '/c/a' }, tool_response: { success: true } },
    ],
    [{ event: 'UserPromptSubmit', prompt: 'fix it' }, { prompt: 'fix it' }],
    [{ event: 'Stop', stopHookActive: true }, { stop_hook_active: true }],
    [{ event: 'SubagentStop', stopHookActive: false }, { stop_hook_active: false }],
    [{ event: 'SessionStart', source: 'compact' }, { source: 'compact' }],
    [
      { event: 'PreCompact', trigger: 'auto' },
      { trigger: 'auto', custom_instructions: '' },
    ],
    [{ event: 'Notification', message: 'waiting' }, { message: 'waiting' }],
  ];
  for (const [input, extra] of table) {
    it(`sends ${input.event} with Claude Code's field names`, () => {
      assert.deepEqual(toHookWireInput(input, session), {
        session_id: 's',
        transcript_path: '/t',
        cwd: '/c',
        hook_event_name: input.event,
        ...extra,
      });
    });
  }
});
