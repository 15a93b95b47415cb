import { strict as assert } from 'node:assert';
import type { Tool as McpToolListing } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { EngineGate } from '../../../../src/core/agent/engine-gate';
import type { HookExecutor } from '../../../../src/core/hooks/hook-executor';
import { HookRunner } from '../../../../src/core/hooks/hook-runner';
import { createMcpTool } from '../../../../src/core/mcp/mcp-tool';
import type { ApprovalRequest } from '../../../../src/core/ports';
import { silentLogger } from '../../../../src/core/ports';
import type { AnyTool } from '../../../../src/core/tools/tool';
import { createEngine } from '../permissions/engine-fixtures';

function mcpTool(
  server: string,
  listing: Partial<McpToolListing> & { name: string },
  trusted = false,
): AnyTool {
  return createMcpTool({
    server,
    listing: { inputSchema: { type: 'object' }, ...listing },
    caller: { callTool: async () => ({ ok: true, result: { content: [{ type: 'text', text: 'ran' }] } }) },
    validator: new AjvJsonSchemaValidator(),
    trusted,
  });
}

const issue = mcpTool('github', { name: 'create_issue' });
const search = mcpTool('github', { name: 'search_code', annotations: { readOnlyHint: true } });
const wipe = mcpTool('db', {
  name: 'drop_table',
  annotations: { destructiveHint: true, openWorldHint: true },
});
const diagnostics = mcpTool('ide', { name: 'getDiagnostics', annotations: { readOnlyHint: true } }, true);
const execute = mcpTool('ide', { name: 'executeCode' }, true);

describe('permission rules on MCP tools (Claude Code names)', () => {
  const cases: {
    rules: { allow?: string[]; ask?: string[]; deny?: string[] };
    tool: AnyTool;
    behavior: string;
  }[] = [
    { rules: {}, tool: issue, behavior: 'ask' },
    { rules: {}, tool: search, behavior: 'ask' },
    { rules: { allow: ['mcp__github__create_issue'] }, tool: issue, behavior: 'allow' },
    { rules: { allow: ['mcp__github'] }, tool: issue, behavior: 'allow' },
    { rules: { allow: ['mcp__github__*'] }, tool: search, behavior: 'allow' },
    { rules: { allow: ['mcp__github'] }, tool: wipe, behavior: 'ask' },
    { rules: { allow: ['mcp__*'] }, tool: issue, behavior: 'ask' },
    { rules: { allow: ['mcp__github'], deny: ['mcp__github__create_issue'] }, tool: issue, behavior: 'deny' },
    { rules: { allow: ['mcp__github'], ask: ['mcp__github__search_code'] }, tool: search, behavior: 'ask' },
    { rules: { deny: ['mcp__*'] }, tool: wipe, behavior: 'deny' },
    { rules: { allow: ['Read', 'Edit', 'Bash', 'WebFetch'] }, tool: search, behavior: 'ask' },
    { rules: {}, tool: diagnostics, behavior: 'allow' },
    { rules: {}, tool: execute, behavior: 'ask' },
  ];
  for (const { rules, tool, behavior } of cases) {
    const described = Object.entries(rules)
      .map(([list, texts]) => `${list} ${texts.join(', ')}`)
      .join('; ');
    it(`${behavior}s ${tool.name} with ${described || 'no rules'}`, async () => {
      const { engine, context } = await createEngine(rules);
      assert.equal((await engine.decide(tool, {}, context)).behavior, behavior);
    });
  }

  it('offers the tool’s own name as the rule to allow it always, and says why it asks', async () => {
    const { engine, context } = await createEngine();
    const decision = await engine.decide(wipe, {}, context);
    assert.equal(decision.behavior === 'ask' ? decision.suggestedRule : undefined, 'mcp__db__drop_table');
    assert.match(decision.reason, /the server marks it destructive; it reaches outside systems/);
  });

  it('removes a server’s tools from the model’s list with a bare deny rule', async () => {
    const { engine } = await createEngine({ deny: ['mcp__github'] });
    assert.deepEqual(
      [engine.isToolDenied(issue), engine.isToolDenied(search), engine.isToolDenied(wipe)],
      [true, true, false],
    );
  });

  it('runs read-only MCP tools in plan mode (still asking) and refuses the others', async () => {
    const { engine, context } = await createEngine({ overrides: { mode: 'plan' } });
    assert.equal((await engine.decide(search, {}, context)).behavior, 'ask');
    assert.equal((await engine.decide(issue, {}, context)).behavior, 'deny');
  });

  it('lets a PreToolUse hook approve an MCP tool that would ask, as Claude Code does', async () => {
    const { engine, context } = await createEngine();
    const allow = JSON.stringify({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' },
    });
    const executor: HookExecutor = {
      runCommand: async () => ({ kind: 'exited', exitCode: 0, stdout: allow, stderr: '' }),
      postHttp: async () => ({ kind: 'response', status: 200, body: '' }),
    };
    const asked: ApprovalRequest[] = [];
    const gate = new EngineGate({
      engine,
      approver: { ask: async (request) => (asked.push(request), { kind: 'deny' }) },
      reviewingWriter: { propose: async () => ({ kind: 'rejected', reason: 'unused' }) },
      hooks: new HookRunner({
        hooks: {
          PreToolUse: [{ matcher: 'mcp__github__.*', hooks: [{ type: 'command', command: 'approve' }] }],
        },
        executor,
        sessionId: 's',
        transcriptPath: '/t.jsonl',
        cwd: '/work/project',
        logger: silentLogger,
      }),
      logger: silentLogger,
    });
    assert.equal((await gate.check(issue, {}, context)).behavior, 'allow');
    assert.deepEqual(asked, []);
  });
});
