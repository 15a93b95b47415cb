import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PermissionGate } from '../../../src/core/execution/permission-gate';
import type { AnyTool, ToolContext } from '../../../src/core/tools/tool';
import { restrictedModeGate, restrictedModeMessage } from '../../../src/host/agent/restricted-mode-gate';

// Toggling trust in code-server needs the trust dialog and a window reload, so the gate the host
// puts in front of every tool is checked here with VS Code's trust state simulated.
function tool(name: string, readOnly: boolean): AnyTool {
  return { name, isReadOnly: () => readOnly } as unknown as AnyTool;
}

const allowAll: PermissionGate = { check: async () => ({ behavior: 'allow' }) };
const context = {} as ToolContext;

describe('Restricted Mode', () => {
  it('lets read-only tools run and refuses writing tools with a reason the model can act on', async () => {
    const gate = restrictedModeGate(allowAll, () => false);
    assert.deepEqual(await gate.check(tool('Read', true), {}, context), { behavior: 'allow' });
    assert.deepEqual(await gate.check(tool('Write', false), {}, context), {
      behavior: 'deny',
      message: restrictedModeMessage,
    });
    assert.deepEqual(await gate.check(tool('Bash', false), { command: 'rm -rf /' }, context), {
      behavior: 'deny',
      message: restrictedModeMessage,
    });
  });

  it('lets every tool through to the normal checks once the workspace is trusted', async () => {
    let trusted = false;
    const gate = restrictedModeGate(allowAll, () => trusted);
    trusted = true;
    assert.deepEqual(await gate.check(tool('Write', false), {}, context), { behavior: 'allow' });
  });

  it('reports this test workspace as trusted (trust is disabled in the test instance)', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });
});
