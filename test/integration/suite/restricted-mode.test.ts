import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../../../src/core/ports';
import { silentLogger } from '../../../src/core/ports';
import { composeChatAgent } from '../../../src/host/agent/compose-chat-agent';
import { JsonlTranscriptStore } from '../../../src/node/session/jsonl-transcript-store';
import { readHostSettings } from '../../../src/host/config/host-settings';
import { McpService } from '../../../src/host/mcp/mcp-service';
import { ApiKeyStore } from '../../../src/host/secrets/api-key-store';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { extensionId, workspaceRoot } from './tandem-api';

// Toggling Workspace Trust in code-server needs the trust dialog and a window reload, so the
// agent the host composes is built here as it is for an untrusted workspace (`trusted: false`),
// against a scripted model, in the real extension host.
describe('Restricted Mode (untrusted workspace)', () => {
  const model = new ScriptedModelServer();
  let url = '';

  before(async () => {
    ({ url } = await model.start());
  });

  after(async () => {
    await model.close();
  });

  async function runUntrusted(trusted: boolean): Promise<{ asked: ApprovalRequest[]; target: string }> {
    const target = join(mkdtempSync(join(workspaceRoot(), 'restricted-')), 'created.txt');
    model.enqueue(
      [{ toolUse: { name: 'Write', input: { file_path: target, content: 'x\n' } } }],
      [{ text: 'ok' }],
    );
    const secrets = { get: async () => 'sk-test', store: async () => {}, delete: async () => {} };
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
    const workspace = new VscodeWorkspace();
    const mcp = new McpService({
      settings: readHostSettings,
      roots: () => workspace.roots,
      logger: silentLogger,
      version: '0.0.0',
    });
    const factory = composeChatAgent({
      settings: () => ({
        ...readHostSettings(),
        provider: 'anthropic',
        anthropicBaseUrl: url,
        permissionMode: 'acceptEdits',
        chatTitles: false,
      }),
      keys: new ApiKeyStore(secrets as unknown as vscode.SecretStorage, {}),
      workspace,
      mcp,
      logger: silentLogger,
      sessions: new JsonlTranscriptStore(mkdtempSync(join(tmpdir(), 'tandem-restricted-')), silentLogger),
      distPath: join(extensionPath, 'dist'),
    });
    const asked: ApprovalRequest[] = [];
    const created = await factory({
      approver: { ask: async (request) => (asked.push(request), { kind: 'allow-once' }) },
      writer: { propose: async () => ({ kind: 'rejected', reason: 'the test writer never writes' }) },
      trusted,
      sessionId: `restricted-${String(trusted)}`,
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    const turn = created.agent.submit('create the file', new AbortController().signal);
    for (let step = await turn.next(); !step.done; step = await turn.next()) {
      // drain
    }
    await created.dispose();
    mcp.dispose();
    return { asked, target };
  }

  it('refuses a file write without asking, and tells the model it is read-only', async () => {
    const before = model.modelRequests.length;
    const { asked, target } = await runUntrusted(false);
    assert.equal(existsSync(target), false);
    assert.deepEqual(asked, []);
    const followUp = JSON.stringify(model.modelRequests[before + 1]?.body ?? {});
    assert.match(followUp, /"is_error":true/);
    assert.match(followUp, /trust|restricted|read-only/i);
  });

  it('lets the same write through once the workspace is trusted', async () => {
    const { target } = await runUntrusted(true);
    assert.equal(existsSync(target), true);
  });
});
