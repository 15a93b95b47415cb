import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../../../src/core/ports';
import { silentLogger } from '../../../src/core/ports';
import { composeChatAgent } from '../../../src/host/agent/compose-chat-agent';
import { readHostSettings } from '../../../src/host/config/host-settings';
import { ApiKeyStore } from '../../../src/host/secrets/api-key-store';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { JsonlTranscriptStore } from '../../../src/node/session/jsonl-transcript-store';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { eventually, extensionId, tandemApi, workspaceRoot } from './tandem-api';

/** The fixture MCP server of test/fixtures/mcp, started the way a person's config would start it. */
function fixtureServer(): { command: string; args: string[] } {
  const root = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
  return {
    command: process.execPath,
    args: [
      '--import',
      join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
      join(root, 'test', 'fixtures', 'mcp', 'serve-fixture.ts'),
    ],
  };
}

// The editor's one manager per window: servers from the person's `tandem.mcpServers` and the
// project's `.mcp.json`, followed as they change, used by the chats the host composes.
describe('MCP servers in the editor', function () {
  this.timeout(60_000);
  const configuration = () => vscode.workspace.getConfiguration('tandem');
  let projectFiles: string[] = [];

  after(async () => {
    await configuration().update('mcpServers', undefined, vscode.ConfigurationTarget.Global);
    for (const path of projectFiles) rmSync(path, { recursive: true, force: true });
    projectFiles = [];
  });

  it('starts a server from the tandem.mcpServers user setting and lists its tools', async () => {
    await configuration().update(
      'mcpServers',
      { fixture: fixtureServer() },
      vscode.ConfigurationTarget.Global,
    );
    const host = await (await tandemApi()).host();
    const manager = await eventually(async () => {
      const candidate = await host.mcp.manager();
      return candidate?.servers().some((server) => server.name === 'fixture') ? candidate : undefined;
    });
    const tools = await manager.tools(new AbortController().signal);
    assert.ok(tools.some((tool) => tool.name === 'mcp__fixture__echo'));
    assert.equal(manager.servers().find((server) => server.name === 'fixture')?.state.kind, 'connected');
  });

  it('turns a server off and on from the panel’s buttons (the webview’s commands)', async () => {
    const host = await (await tandemApi()).host();
    const manager = await host.mcp.manager();
    assert.ok(manager);
    const state = () => manager.servers().find((server) => server.name === 'fixture')?.state.kind;
    await host.handle({ type: 'mcp-server', name: 'fixture', action: 'turn-off' });
    assert.equal(state(), 'disabled');
    await host.handle({ type: 'mcp-server', name: 'fixture', action: 'turn-on' });
    assert.equal(state(), 'connected');
  });

  it('follows a new .mcp.json and starts its server when the local settings approve it', async () => {
    const root = workspaceRoot();
    mkdirSync(join(root, '.claude'), { recursive: true });
    writeFileSync(
      join(root, '.claude', 'settings.local.json'),
      JSON.stringify({ enabledMcpjsonServers: ['team'] }),
    );
    writeFileSync(join(root, '.mcp.json'), JSON.stringify({ mcpServers: { team: fixtureServer() } }));
    projectFiles = [join(root, '.mcp.json'), join(root, '.claude', 'settings.local.json')];
    const host = await (await tandemApi()).host();
    const manager = await host.mcp.manager();
    assert.ok(manager);
    await eventually(() => (manager.servers().some((server) => server.name === 'team') ? true : undefined));
    const tools = await manager.tools(new AbortController().signal);
    assert.ok(tools.some((tool) => tool.name === 'mcp__team__add'));
  });

  it('gives a chat the window’s MCP tools: the model calls one and sees its answer', async () => {
    const model = new ScriptedModelServer();
    const { url } = await model.start();
    try {
      model.enqueue([{ toolUse: { name: 'mcp__fixture__add', input: { a: 20, b: 22 } } }], [{ text: '42' }]);
      const host = await (await tandemApi()).host();
      const secrets = { get: async () => 'sk-test', store: async () => {}, delete: async () => {} };
      const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
      const factory = composeChatAgent({
        settings: () => ({ ...readHostSettings(), provider: 'anthropic', anthropicBaseUrl: url }),
        keys: new ApiKeyStore(secrets as unknown as vscode.SecretStorage, {}),
        workspace: new VscodeWorkspace(),
        mcp: host.mcp,
        logger: silentLogger,
        sessions: new JsonlTranscriptStore(mkdtempSync(join(tmpdir(), 'tandem-mcp-chat-')), silentLogger),
        distPath: join(extensionPath, 'dist'),
      });
      const asked: ApprovalRequest[] = [];
      const created = await factory({
        approver: { ask: async (request) => (asked.push(request), { kind: 'allow-once' }) },
        writer: { propose: async () => ({ kind: 'rejected', reason: 'no edits here' }) },
        trusted: true,
        sessionId: 'mcp-chat',
      });
      assert.ok(created.ok, created.ok ? '' : created.message);
      const turn = created.agent.submit('what is 20 + 22?', new AbortController().signal);
      for (let step = await turn.next(); !step.done; step = await turn.next()) {
        // drain
      }
      await created.dispose();
      assert.equal(asked[0]?.toolName, 'mcp__fixture__add');
      assert.match(JSON.stringify(model.modelRequests[1]?.body ?? {}), /"content":"42"/);
    } finally {
      await model.close();
    }
  });

  it('offers the IDE server as mcp__ide__* and tells the agent about an error its edit introduced', async function () {
    this.timeout(180_000);
    const host = await (await tandemApi()).host();
    const manager = await host.mcp.manager();
    assert.ok(manager);
    const names = (await manager.tools(new AbortController().signal)).map((tool) => tool.name);
    assert.ok(names.includes('mcp__ide__getDiagnostics') && names.includes('mcp__ide__executeCode'));
    assert.ok(!names.includes('mcp__ide__openDiff'), 'the CLI’s diff flow is not offered to Tandem’s agent');

    // The TypeScript server starts slowly the first time: wait until it reports on a broken file.
    const folder = mkdtempSync(join(workspaceRoot(), 'mcp-ide-'));
    const warm = join(folder, 'warm.ts');
    writeFileSync(warm, "export const warm: number = 'x';\n");
    await vscode.window.showTextDocument(vscode.Uri.file(warm));
    await eventually(
      () => (vscode.languages.getDiagnostics(vscode.Uri.file(warm)).length > 0 ? true : undefined),
      150_000,
    );
    const target = join(folder, 'count.ts');
    writeFileSync(target, 'export const count: number = 1;\n');
    await vscode.window.showTextDocument(vscode.Uri.file(target));

    const model = new ScriptedModelServer();
    const { url } = await model.start();
    try {
      model.enqueue(
        [{ toolUse: { name: 'Read', input: { file_path: target } } }],
        [
          {
            toolUse: { name: 'Edit', input: { file_path: target, old_string: '= 1', new_string: "= 'one'" } },
          },
        ],
        // Later rounds look again: the language service reports a moment after the write.
        { delayMs: 1_500, blocks: [{ toolUse: { name: 'Read', input: { file_path: target } } }] },
        { delayMs: 1_500, blocks: [{ toolUse: { name: 'Read', input: { file_path: target } } }] },
        [{ text: 'done' }],
      );
      const secrets = { get: async () => 'sk-test', store: async () => {}, delete: async () => {} };
      const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';
      const factory = composeChatAgent({
        settings: () => ({
          ...readHostSettings(),
          provider: 'anthropic',
          anthropicBaseUrl: url,
          permissionMode: 'acceptEdits',
        }),
        keys: new ApiKeyStore(secrets as unknown as vscode.SecretStorage, {}),
        workspace: new VscodeWorkspace(),
        mcp: host.mcp,
        logger: silentLogger,
        sessions: new JsonlTranscriptStore(mkdtempSync(join(tmpdir(), 'tandem-mcp-ide-')), silentLogger),
        distPath: join(extensionPath, 'dist'),
      });
      const created = await factory({
        approver: { ask: async () => ({ kind: 'deny' }) },
        writer: { propose: async () => ({ kind: 'rejected', reason: 'acceptEdits writes directly' }) },
        trusted: true,
        sessionId: 'mcp-ide-diagnostics',
      });
      assert.ok(created.ok, created.ok ? '' : created.message);
      const turn = created.agent.submit('make count a string', new AbortController().signal);
      for (let step = await turn.next(); !step.done; step = await turn.next()) {
        // drain
      }
      await created.dispose();
      const sent = model.modelRequests.map((request) => JSON.stringify(request.body ?? {}));
      const reminder = sent.findIndex((body) =>
        body.includes('The editor reports these diagnostics after your last edit'),
      );
      assert.ok(reminder >= 2, 'a request after the edit carries the reminder');
      assert.match(
        sent[reminder] ?? '',
        /count\.ts:1:14 error: Type 'string' is not assignable to type 'number'\. \[ts 2322\]/,
      );
      assert.doesNotMatch(
        sent[reminder] ?? '',
        /warm\.ts/,
        'problems that were there before the edit are not news',
      );
    } finally {
      await model.close();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
