import { strict as assert } from 'node:assert';
import { EngineGate } from '../../../../src/core/agent/engine-gate';
import type { FileWriter } from '../../../../src/core/tools/file-writer';
import { HookRunner } from '../../../../src/core/hooks/hook-runner';
import type { HookCommandRequest, HookExecutor } from '../../../../src/core/hooks/hook-executor';
import type { HooksSettings } from '../../../../src/core/settings/settings-schema';
import type { ApprovalAnswer, ApprovalRequest } from '../../../../src/core/ports';
import { silentLogger } from '../../../../src/core/ports';
import { PermissionEngine } from '../../../../src/core/permissions/permission-engine';
import { buildRuleSet } from '../../../../src/core/permissions/permission-rule';
import { webFetchTool } from '../../../../src/core/tools/web-fetch/web-fetch-tool';
import { writeTool } from '../../../../src/core/tools/write/write-tool';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { createToolContext } from '../../../support/tool-context';

const reviewingWriter: FileWriter = { propose: async () => ({ kind: 'rejected', reason: 'unused' }) };

function setup(
  options: {
    deny?: string[];
    answers?: ApprovalAnswer[];
    hookExecutor?: HookExecutor;
    hooks?: HooksSettings;
  } = {},
) {
  const workspace = new MemoryWorkspace(['/work']);
  const { rules } = buildRuleSet([
    { behavior: 'deny', rules: options.deny ?? [], source: { source: 'project', root: '/work' } },
  ]);
  const engine = new PermissionEngine({
    rules,
    mode: 'default',
    workspaceRoots: ['/work'],
    cwd: '/work',
    home: '/home/me',
    caseInsensitive: false,
    trusted: true,
    shellParser: undefined,
    workspace,
  });
  const asked: ApprovalRequest[] = [];
  const answers = [...(options.answers ?? [])];
  const persisted: string[] = [];
  const hooks = options.hookExecutor
    ? new HookRunner({
        hooks: options.hooks ?? {
          PreToolUse: [{ matcher: 'WebFetch', hooks: [{ type: 'command', command: 'check' }] }],
        },
        executor: options.hookExecutor,
        sessionId: 's',
        transcriptPath: '/t.jsonl',
        cwd: '/work',
        logger: silentLogger,
      })
    : undefined;
  const gate = new EngineGate({
    engine,
    approver: {
      ask: async (request) => {
        asked.push(request);
        return answers.shift() ?? { kind: 'deny' };
      },
    },
    reviewingWriter,
    hooks,
    logger: silentLogger,
    persistRule: async (rule, scope) => {
      persisted.push(`${scope}:${rule}`);
    },
  });
  return { gate, asked, persisted, context: createToolContext({ workspace }) };
}

const fetchInput = { url: 'https://example.com/docs' };

describe('EngineGate (hooks → rules → the person)', () => {
  it('refuses with the rule named when a deny rule matches, without asking', async () => {
    const { gate, asked, context } = setup({ deny: ['WebFetch(domain:example.com)'] });
    const decision = await gate.check(webFetchTool, fetchInput, context);
    assert.equal(decision.behavior, 'deny');
    assert.match(decision.behavior === 'deny' ? decision.message : '', /WebFetch\(domain:example\.com\)/);
    assert.equal(asked.length, 0);
  });

  it('asks the person, and "allow always" stops the next identical call from asking', async () => {
    const { gate, asked, persisted, context } = setup({
      answers: [{ kind: 'allow-always', scope: 'project', rule: 'WebFetch(domain:example.com)' }],
    });
    assert.equal((await gate.check(webFetchTool, fetchInput, context)).behavior, 'allow');
    assert.equal((await gate.check(webFetchTool, fetchInput, context)).behavior, 'allow');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.title, 'WebFetch: https://example.com/docs');
    assert.match(asked[0]!.reason, /./);
    assert.deepEqual(persisted, ['project:WebFetch(domain:example.com)']);
  });

  it("returns the person's denial message to the model", async () => {
    const { gate, context } = setup({ answers: [{ kind: 'deny', message: 'use the local docs' }] });
    const decision = await gate.check(webFetchTool, fetchInput, context);
    assert.equal(decision.behavior, 'deny');
    assert.match(decision.behavior === 'deny' ? decision.message : '', /use the local docs/);
  });

  it('lets an edit that needs asking through with the reviewing writer: the diff preview is the question', async () => {
    const { gate, asked, context } = setup();
    const decision = await gate.check(writeTool, { file_path: '/work/a.txt', content: 'x' }, context);
    assert.equal(decision.behavior, 'allow');
    assert.equal(decision.behavior === 'allow' ? decision.writer : undefined, reviewingWriter);
    assert.equal(asked.length, 0);
  });

  it('blocks a call when a PreToolUse hook exits 2, with its reason', async () => {
    const executor: HookExecutor = {
      runCommand: async () => ({ kind: 'exited', exitCode: 2, stdout: '', stderr: 'fetching is off today' }),
      postHttp: async () => ({ kind: 'response', status: 200, body: '' }),
    };
    const { gate, asked, context } = setup({ hookExecutor: executor });
    const decision = await gate.check(webFetchTool, fetchInput, context);
    assert.equal(decision.behavior, 'deny');
    assert.match(decision.behavior === 'deny' ? decision.message : '', /fetching is off today/);
    assert.equal(asked.length, 0);
  });

  it('runs Notification hooks when it has to ask the person', async () => {
    const seen: HookCommandRequest[] = [];
    const executor: HookExecutor = {
      runCommand: async (request) => {
        seen.push(request);
        return { kind: 'exited', exitCode: 0, stdout: '', stderr: '' };
      },
      postHttp: async () => ({ kind: 'response', status: 200, body: '' }),
    };
    const { gate, asked, context } = setup({
      hookExecutor: executor,
      hooks: { Notification: [{ hooks: [{ type: 'command', command: 'notify-send' }] }] },
      answers: [{ kind: 'allow-once' }],
    });
    await gate.check(webFetchTool, fetchInput, context);
    assert.equal(asked.length, 1);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!.stdin, /needs your permission to use WebFetch/);
  });
});
