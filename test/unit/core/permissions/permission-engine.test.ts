import { strict as assert } from 'node:assert';
import type { ModelClient, ModelRequest, ModelStreamEvent } from '../../../../src/core/model/model-client';
import { applyApprovalAnswer } from '../../../../src/core/permissions/approval-answer';
import { createModelClassifier } from '../../../../src/core/permissions/permission-classifier';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { bashTool, createEngine, fileTool, namedTool, root } from './engine-fixtures';

const read = fileTool('Read', true);
const edit = fileTool('Edit', false);
const write = fileTool('Write', false);
const webFetch = namedTool({ name: 'WebFetch', kind: 'fetch', readOnly: true, target: (input) => input.url });
const mcpTool = namedTool({ name: 'mcp__github__create_issue', kind: 'other', readOnly: false });

describe('PermissionEngine: rule order', () => {
  it('lets a deny rule win over an allow rule for the same command', async () => {
    const { engine, context } = await createEngine({ allow: ['Bash(git:*)'], deny: ['Bash(git push:*)'] });
    const decision = await engine.decide(bashTool, { command: 'git push origin main' }, context);
    assert.equal(decision.behavior, 'deny');
    assert.deepEqual(decision.decidedBy, {
      kind: 'rule',
      rule: 'Bash(git push:*)',
      source: { source: 'project', root },
    });
  });

  it('asks when an ask rule matches even though an allow rule does too', async () => {
    const { engine, context } = await createEngine({ allow: ['Bash(git:*)'], ask: ['Bash(git push *)'] });
    assert.equal((await engine.decide(bashTool, { command: 'git push' }, context)).behavior, 'ask');
  });

  it('runs a command only when every sub-command has an allow rule', async () => {
    const { engine, context } = await createEngine({ allow: ['Bash(git status:*)', 'Bash(wc:*)'] });
    assert.equal(
      (await engine.decide(bashTool, { command: 'git status --short | wc -l' }, context)).behavior,
      'allow',
    );
    const mixed = await engine.decide(bashTool, { command: 'git status && npm publish' }, context);
    assert.equal(mixed.behavior, 'ask');
    assert.equal(mixed.suggestedRule, 'Bash(npm publish:*)');
  });

  it('asks for command substitution even when an allow rule matches the outer command', async () => {
    const { engine, context } = await createEngine({ allow: ['Bash(git status:*)', 'Bash(curl:*)'] });
    const decision = await engine.decide(bashTool, { command: 'git status $(curl evil)' }, context);
    assert.equal(decision.behavior, 'ask');
    assert.deepEqual(decision.decidedBy, { kind: 'check', check: 'hazard:command_substitution' });
  });

  it('strips harmless FOO=1 assignments for matching', async () => {
    const { engine, context } = await createEngine({ allow: ['Bash(git status:*)'] });
    assert.equal((await engine.decide(bashTool, { command: 'FOO=1 git status' }, context)).behavior, 'allow');
  });

  it('allows an edit inside a folder an Edit rule names, and asks outside it', async () => {
    const { engine, context } = await createEngine({ allow: ['Edit(src/**)'] });
    assert.equal((await engine.decide(edit, { path: `${root}/src/a.ts` }, context)).behavior, 'allow');
    assert.equal((await engine.decide(write, { path: `${root}/src/deep/b.ts` }, context)).behavior, 'allow');
    const outside = await engine.decide(edit, { path: `${root}/lib/a.ts` }, context);
    assert.equal(outside.behavior, 'ask');
    assert.equal(outside.suggestedRule, 'Edit(./lib/**)');
  });

  it('asks for a secret inside the workspace even with an allow rule over it', async () => {
    const { engine, context } = await createEngine({ allow: ['Read(./**)'] });
    const decision = await engine.decide(read, { path: `${root}/.env` }, context);
    assert.equal(decision.behavior, 'ask');
    assert.deepEqual(decision.decidedBy, { kind: 'check', check: 'secret-path' });
  });
});

describe('PermissionEngine: whole-tool denials', () => {
  it('reports tools a bare deny rule removes, and only those', async () => {
    const { engine } = await createEngine({ deny: ['WebFetch', 'mcp__github', 'Bash(rm:*)'] });
    assert.equal(engine.isToolDenied(webFetch), true);
    assert.equal(engine.isToolDenied(mcpTool), true);
    assert.equal(engine.isToolDenied(bashTool), false);
    assert.equal(engine.isToolDenied(read), false);
  });
});

describe('PermissionEngine: defaults', () => {
  it('runs read-only tools inside the workspace without asking', async () => {
    const { engine, context } = await createEngine();
    const decision = await engine.decide(read, { path: `${root}/src/a.ts` }, context);
    assert.equal(decision.behavior, 'allow');
    assert.deepEqual(decision.decidedBy, { kind: 'default' });
  });

  it('asks before reading outside the workspace', async () => {
    const { engine, context } = await createEngine();
    const decision = await engine.decide(read, { path: '/etc/hosts' }, context);
    assert.deepEqual(
      [decision.behavior, decision.decidedBy],
      ['ask', { kind: 'check', check: 'outside-workspace' }],
    );
  });

  it("reads the session's saved tool results without asking, and still asks to write there", async () => {
    const results = '/home/dev/.tandem/sessions/s1/tool-results';
    // An allowed command may read there too; outside the workspace it would still ask.
    const { engine, context } = await createEngine({
      allow: ['Bash(grep:*)', 'Bash(echo:*)'],
      overrides: { readRoots: [results] },
    });
    const cases: { tool: typeof read; input: object; expected: string }[] = [
      { tool: read, input: { path: `${results}/toolu_1.txt` }, expected: 'allow' },
      { tool: bashTool, input: { command: `grep -n error ${results}/toolu_1.txt` }, expected: 'allow' },
      { tool: bashTool, input: { command: 'grep -n error /etc/hosts' }, expected: 'ask' },
      { tool: write, input: { path: `${results}/toolu_1.txt` }, expected: 'ask' },
      { tool: bashTool, input: { command: `echo x > ${results}/toolu_1.txt` }, expected: 'ask' },
      { tool: read, input: { path: '/home/dev/.tandem/sessions/s2.jsonl' }, expected: 'ask' },
    ];
    for (const { tool, input, expected } of cases)
      assert.equal((await engine.decide(tool, input, context)).behavior, expected, JSON.stringify(input));
  });

  it('asks before edits and unknown commands', async () => {
    const { engine, context } = await createEngine();
    assert.equal((await engine.decide(edit, { path: `${root}/a.ts` }, context)).behavior, 'ask');
    assert.equal((await engine.decide(bashTool, { command: 'make' }, context)).behavior, 'ask');
  });

  it('follows the tool’s own check when no rule decides', async () => {
    const { engine, context } = await createEngine();
    const denying = fileTool('Edit', false, { behavior: 'deny', reason: 'the file is generated' });
    const decision = await engine.decide(denying, { path: `${root}/a.ts` }, context);
    assert.deepEqual(
      [decision.behavior, decision.reason, decision.decidedBy],
      ['deny', 'the file is generated', { kind: 'tool' }],
    );
  });

  it('asks for every command when no shell parser could be loaded', async () => {
    const { engine, context } = await createEngine({
      allow: ['Bash(ls:*)'],
      overrides: { shellParser: undefined },
    });
    const decision = await engine.decide(bashTool, { command: 'ls' }, context);
    assert.deepEqual(
      [decision.behavior, decision.decidedBy],
      ['ask', { kind: 'check', check: 'hazard:parse_error' }],
    );
  });
});

describe('PermissionEngine: modes', () => {
  it('acceptEdits allows edits inside the workspace but still asks outside and for secrets', async () => {
    const { engine, context } = await createEngine({ overrides: { mode: 'acceptEdits' } });
    assert.equal((await engine.decide(edit, { path: `${root}/a.ts` }, context)).behavior, 'allow');
    assert.equal((await engine.decide(edit, { path: '/home/dev/.bashrc' }, context)).behavior, 'ask');
    assert.equal((await engine.decide(edit, { path: `${root}/.env` }, context)).behavior, 'ask');
    const hook = await engine.decide(edit, { path: `${root}/.git/hooks/pre-commit` }, context);
    assert.deepEqual([hook.behavior, hook.decidedBy], ['ask', { kind: 'check', check: 'protected-path' }]);
    assert.equal((await engine.decide(bashTool, { command: 'touch a' }, context)).behavior, 'ask');
  });

  it('plan mode refuses writing tools with a message to present the plan', async () => {
    const { engine, context } = await createEngine({ allow: ['Edit(./**)'], overrides: { mode: 'plan' } });
    const decision = await engine.decide(edit, { path: `${root}/a.ts` }, context);
    assert.equal(decision.behavior, 'deny');
    assert.match(decision.reason, /plan mode/);
    assert.equal((await engine.decide(read, { path: `${root}/a.ts` }, context)).behavior, 'allow');
  });

  it('bypass runs hazards and outside paths but not deny or ask rules', async () => {
    const { engine, context } = await createEngine({
      deny: ['Bash(rm:*)'],
      ask: ['Bash(git push:*)'],
      overrides: { mode: 'bypassPermissions' },
    });
    assert.equal(
      (await engine.decide(bashTool, { command: 'echo $(date) > /tmp/x' }, context)).behavior,
      'allow',
    );
    assert.equal((await engine.decide(bashTool, { command: 'rm -rf build' }, context)).behavior, 'deny');
    assert.equal((await engine.decide(bashTool, { command: 'git push' }, context)).behavior, 'ask');
    assert.equal((await engine.decide(read, { path: '\\\\server\\share\\x' }, context)).behavior, 'deny');
  });

  it('refuses to enter bypass in an untrusted workspace, where only read-only tools run', async () => {
    const { engine, context } = await createEngine({
      allow: ['Bash(ls:*)'],
      overrides: { trusted: false, mode: 'bypassPermissions' },
    });
    assert.equal(engine.mode, 'default');
    assert.equal(engine.setMode('bypassPermissions').ok, false);
    assert.equal(engine.setMode('acceptEdits').ok, true);
    const decision = await engine.decide(bashTool, { command: 'ls' }, context);
    assert.deepEqual(
      [decision.behavior, decision.decidedBy],
      ['deny', { kind: 'check', check: 'untrusted-workspace' }],
    );
    assert.equal((await engine.decide(read, { path: `${root}/a.ts` }, context)).behavior, 'allow');
  });
});

function scriptedModel(reply: string | Error, requests: ModelRequest[] = []): ModelClient {
  return {
    provider: 'test',
    describe: () => ({
      id: 'small',
      provider: 'test',
      contextWindow: 1000,
      maxOutputTokens: 100,
      editTool: 'edit',
      supportsImages: false,
    }),
    async *stream(request): AsyncIterable<ModelStreamEvent> {
      requests.push(request);
      if (reply instanceof Error) {
        yield { type: 'error', error: { kind: 'server', message: reply.message } };
        return;
      }
      yield { type: 'text-delta', index: 0, text: reply };
    },
  };
}

describe('PermissionEngine: auto mode', () => {
  it('runs what the classifier judges safe, and says so', async () => {
    const requests: ModelRequest[] = [];
    const classifier = createModelClassifier({
      client: scriptedModel('{"verdict":"safe","reason":"runs the tests"}', requests),
      model: 'small',
    });
    const { engine, context } = await createEngine({ overrides: { mode: 'auto', classifier } });
    const decision = await engine.decide(bashTool, { command: 'make test' }, context);
    assert.deepEqual(
      [decision.behavior, decision.reason, decision.decidedBy],
      ['allow', 'runs the tests', { kind: 'classifier', verdict: 'safe' }],
    );
    assert.match(JSON.stringify(requests[0]?.messages), /make test/);
  });

  it('asks when the classifier is unsure, fails, or answers nonsense', async () => {
    for (const reply of [
      '{"verdict":"needs_review","reason":"deletes files"}',
      new Error('overloaded'),
      'sure, go ahead',
    ]) {
      const classifier = createModelClassifier({ client: scriptedModel(reply), model: 'small' });
      const { engine, context } = await createEngine({ overrides: { mode: 'auto', classifier } });
      const decision = await engine.decide(bashTool, { command: 'make clean' }, context);
      assert.deepEqual(
        [decision.behavior, decision.decidedBy],
        ['ask', { kind: 'classifier', verdict: 'needs_review' }],
      );
    }
  });

  it('never lets the classifier approve a hazard', async () => {
    const classifier = createModelClassifier({
      client: scriptedModel('{"verdict":"safe","reason":"fine"}'),
      model: 'small',
    });
    const { engine, context } = await createEngine({ overrides: { mode: 'auto', classifier } });
    assert.equal((await engine.decide(bashTool, { command: 'eval "$X"' }, context)).behavior, 'ask');
  });
});

describe('PermissionEngine: Windows paths', () => {
  it('checks drive-letter paths against drive-letter roots, case-insensitively', async () => {
    const workspace = new MemoryWorkspace(['C:\\Users\\dev\\proj']);
    const { engine, context } = await createEngine({
      allow: ['Edit(src/**)'],
      workspace,
      source: { source: 'project', root: 'C:\\Users\\dev\\proj' },
      overrides: {
        workspaceRoots: ['C:\\Users\\dev\\proj'],
        cwd: 'C:\\Users\\dev\\proj',
        home: 'C:\\Users\\dev',
        caseInsensitive: true,
        windows: true,
      },
    });
    const windowsContext = { ...context, cwd: 'C:\\Users\\dev\\proj' };
    const inside = await engine.decide(edit, { path: 'c:\\users\\DEV\\proj\\src\\a.ts' }, windowsContext);
    assert.equal(inside.behavior, 'allow', inside.reason);
    const outside = await engine.decide(read, { path: 'C:\\Users\\dev\\.ssh\\id_rsa' }, windowsContext);
    assert.equal(outside.behavior, 'ask');
    const unc = await engine.decide(read, { path: '//fileserver/share/a.txt' }, windowsContext);
    assert.equal(unc.behavior, 'deny');
  });
});

describe('PermissionEngine: other tools', () => {
  it('matches WebFetch rules by domain, subdomains only with *.', async () => {
    const { engine, context } = await createEngine({
      allow: ['WebFetch(domain:example.com)', 'WebFetch(domain:*.docs.dev)'],
      deny: ['WebFetch(domain:evil.com)'],
    });
    const behavior = async (url: string) => (await engine.decide(webFetch, { url }, context)).behavior;
    assert.equal(await behavior('https://example.com/a'), 'allow');
    assert.equal(await behavior('https://api.example.com/a'), 'ask');
    assert.equal(await behavior('https://a.docs.dev/x'), 'allow');
    assert.equal(await behavior('https://docs.dev/x'), 'ask');
    assert.equal(await behavior('https://cdn.evil.com/x'), 'deny');
    const fresh = await engine.decide(webFetch, { url: 'https://new.org/' }, context);
    assert.equal(fresh.suggestedRule, 'WebFetch(domain:new.org)');
  });

  it('matches MCP rules by server and tool', async () => {
    for (const rule of ['mcp__github', 'mcp__github__*', 'mcp__github__create_issue']) {
      const { engine, context } = await createEngine({ allow: [rule] });
      assert.equal((await engine.decide(mcpTool, {}, context)).behavior, 'allow', rule);
    }
    const { engine, context } = await createEngine({ allow: ['mcp__gitlab'] });
    assert.equal((await engine.decide(mcpTool, {}, context)).behavior, 'ask');
  });
});

describe('PermissionEngine: sed -i preview and answers', () => {
  it('attaches the diff a sed -i would make to the question', async () => {
    const workspace = new MemoryWorkspace([root], { [`${root}/a.txt`]: 'hello world\nbye world\n' });
    const { engine, context } = await createEngine({ workspace });
    const decision = await engine.decide(bashTool, { command: "sed -i 's/world/there/g' a.txt" }, context);
    assert.equal(decision.behavior, 'ask');
    assert.match(decision.diff ?? '', /-hello world\n-bye world\n\+hello there\n\+bye there/);
  });

  it('"allow always" adds a session rule that lets the same command run next time', async () => {
    const { engine, context } = await createEngine();
    assert.equal((await engine.decide(bashTool, { command: 'make build' }, context)).behavior, 'ask');
    const outcome = applyApprovalAnswer(engine, {
      kind: 'allow-always',
      scope: 'project',
      rule: 'Bash(make build:*)',
    });
    assert.deepEqual(outcome, { kind: 'allow-always', scope: 'project', rule: 'Bash(make build:*)' });
    const decision = await engine.decide(bashTool, { command: 'make build' }, context);
    assert.deepEqual(decision.decidedBy, {
      kind: 'rule',
      rule: 'Bash(make build:*)',
      source: { source: 'session' },
    });
    assert.equal(
      applyApprovalAnswer(engine, { kind: 'allow-always', scope: 'session', rule: 'Bash(' }).kind,
      'invalid-rule',
    );
    assert.deepEqual(applyApprovalAnswer(engine, { kind: 'deny' }), {
      kind: 'deny',
      message: 'The person declined this action.',
    });
  });
});

describe('PermissionEngine: tools are governed by the kind they declare, not their name', () => {
  const mcpRead = namedTool({
    name: 'mcp__fs__read_file',
    kind: 'read',
    readOnly: true,
    target: (input) => input.path,
  });
  const mcpWrite = namedTool({
    name: 'mcp__fs__write_file',
    kind: 'edit',
    readOnly: false,
    target: (input) => input.path,
  });
  const mcpShell = namedTool({ name: 'mcp__sh__run', kind: 'execute', readOnly: false, target: () => 'ls' });

  it('an MCP tool declared read runs inside the workspace and obeys Read denials', async () => {
    const { engine, context } = await createEngine({ deny: ['Read(**/*.{csv,tsv})'] });
    assert.equal((await engine.decide(mcpRead, { path: `${root}/a.ts` }, context)).behavior, 'allow');
    assert.equal((await engine.decide(mcpRead, { path: `${root}/d/x.tsv` }, context)).behavior, 'deny');
    assert.equal((await engine.decide(mcpRead, { path: '/etc/hosts' }, context)).behavior, 'ask');
  });

  it('an MCP tool declared edit follows Edit rules and accept-edits mode', async () => {
    const rules = await createEngine({ allow: ['Edit(./src/**)'] });
    const inSrc = await rules.engine.decide(mcpWrite, { path: `${root}/src/a.ts` }, rules.context);
    assert.equal(inSrc.behavior, 'allow');
    const outside = await rules.engine.decide(mcpWrite, { path: `${root}/lib/a.ts` }, rules.context);
    assert.deepEqual([outside.behavior, outside.suggestedRule], ['ask', 'Edit(./lib/**)']);
    const mode = await createEngine({ overrides: { mode: 'acceptEdits' } });
    assert.equal(
      (await mode.engine.decide(mcpWrite, { path: `${root}/a.ts` }, mode.context)).behavior,
      'allow',
    );
  });

  it('Bash rules govern every execute tool, and a bare Bash denial removes them all', async () => {
    const allowed = await createEngine({ allow: ['Bash(ls:*)'] });
    assert.equal((await allowed.engine.decide(mcpShell, {}, allowed.context)).behavior, 'allow');
    const denied = await createEngine({ deny: ['Bash'] });
    assert.equal(denied.engine.isToolDenied(mcpShell), true);
    assert.equal(denied.engine.isToolDenied(mcpRead), false);
  });

  it('a tool of kind other is matched by its own name only', async () => {
    const { engine, context } = await createEngine({ allow: ['Edit', 'Read', 'Bash', 'WebFetch'] });
    assert.equal((await engine.decide(mcpTool, {}, context)).behavior, 'ask');
  });
});
