import { strict as assert } from 'node:assert';
import type { McpServerSnapshot, McpServerState } from '../../../../src/core/mcp/mcp-server-state';
import { serverActions, toServerView } from '../../../../src/host/mcp/mcp-server-actions';

function server(scope: McpServerSnapshot['scope'], state: McpServerState): McpServerSnapshot {
  return {
    name: 's',
    scope,
    source: 'test',
    transport: 'stdio: x',
    state,
    tools: ['mcp__s__a'],
    prompts: [],
    resources: [],
  };
}

describe('what the person may do with an MCP server', () => {
  const cases: {
    scope: McpServerSnapshot['scope'];
    state: McpServerState;
    trusted?: boolean;
    actions: string[];
  }[] = [
    {
      scope: 'user',
      state: { kind: 'connected', tools: 1, resources: 0, prompts: 0 },
      actions: ['restart', 'turn-off'],
    },
    {
      scope: 'user',
      state: { kind: 'failed', reason: 'x', retrying: false },
      actions: ['restart', 'turn-off'],
    },
    {
      scope: 'user',
      state: { kind: 'disabled', reason: 'turned off for this session' },
      actions: ['turn-on'],
    },
    { scope: 'project', state: { kind: 'awaiting-trust' }, actions: ['approve', 'refuse'] },
    { scope: 'project', state: { kind: 'disabled', reason: 'not approved' }, actions: ['approve'] },
    { scope: 'project', state: { kind: 'disabled', reason: 'not trusted' }, trusted: false, actions: [] },
    {
      scope: 'project',
      state: { kind: 'connected', tools: 1, resources: 0, prompts: 0 },
      actions: ['refuse', 'restart', 'turn-off'],
    },
    { scope: 'builtin', state: { kind: 'pending' }, actions: ['restart', 'turn-off'] },
  ];
  for (const { scope, state, trusted, actions } of cases) {
    it(`offers ${actions.join(', ') || 'nothing'} for a ${scope} server that is ${state.kind}${trusted === false ? ' in Restricted Mode' : ''}`, () => {
      assert.deepEqual(serverActions(server(scope, state), trusted ?? true), actions);
    });
  }

  it('shows the panel a server’s state in words, with its tool count', () => {
    const view = toServerView(
      server('user', { kind: 'failed', reason: 'the command was not found', retrying: false }),
      true,
    );
    assert.equal(view.detail, 'failed: the command was not found');
    assert.equal(view.toolCount, 1);
  });
});
