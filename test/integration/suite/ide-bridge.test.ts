import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as vscode from 'vscode';
import type { IdeBridgeStatus } from '../../../src/host/bridge/ide-bridge';
import { WebSocketClientTransport } from '../../support/websocket-client-transport';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

async function bridgeStatus(): Promise<IdeBridgeStatus> {
  const { bridge } = await (await tandemApi()).ide();
  return eventually(() => bridge.status?.ide && bridge.status);
}

/** What a fresh integrated terminal sees in its environment. */
async function terminalVariable(name: string): Promise<string> {
  const out = join(workspaceRoot(), `.env-${name}-${Date.now()}`);
  const terminal = vscode.window.createTerminal({
    name: 'env probe',
    shellPath: '/bin/bash',
    shellArgs: ['-c', `printf '%s' "\${${name}:-unset}" > ${out}`],
  });
  try {
    return await eventually(() => (existsSync(out) ? readFileSync(out, 'utf8') : undefined), 20_000);
  } finally {
    terminal.dispose();
  }
}

describe('the IDE bridge in VS Code', () => {
  it('starts with VS Code and writes the lock file the CLI looks for', async () => {
    const status = await bridgeStatus();
    const ide = status.ide;
    assert.ok(ide);
    const configDirectory = process.env['CLAUDE_CONFIG_DIR'];
    assert.ok(configDirectory, 'the harness sets CLAUDE_CONFIG_DIR');
    assert.equal(ide.lockFile, join(configDirectory, 'ide', `${ide.port}.lock`));
    assert.deepEqual(JSON.parse(readFileSync(ide.lockFile, 'utf8')), {
      pid: process.ppid,
      workspaceFolders: [workspaceRoot()],
      ideName: 'Tandem',
      transport: 'ws',
      runningInWindows: false,
      authToken: ide.token,
    });
    assert.equal(statSync(ide.lockFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(configDirectory, 'ide')).mode & 0o777, 0o700);
  });

  it('serves the IDE tools over the WebSocket to a client with the token, and no one else', async () => {
    const { ide } = await bridgeStatus();
    assert.ok(ide);
    const client = new Client({ name: 'claude-code', version: '2.1.330' });
    await client.connect(
      new WebSocketClientTransport(ide.url, { 'X-Claude-Code-Ide-Authorization': ide.token }),
    );
    const { tools } = await client.listTools();
    assert.equal(tools.length, 12);
    await client.close();
    const intruder = new WebSocketClientTransport(ide.url, { 'X-Claude-Code-Ide-Authorization': 'guess' });
    await assert.rejects(intruder.start(), /HTTP 401/);
  });

  it('serves the same tools on the HTTP endpoint with its bearer token', async () => {
    const { mcp } = await bridgeStatus();
    const client = new Client({ name: 'any-mcp-client', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(mcp.url), {
      requestInit: { headers: { Authorization: `Bearer ${mcp.token}` } },
    });
    await client.connect(transport);
    const result = await client.callTool({ name: 'getWorkspaceFolders', arguments: {} });
    assert.match(JSON.stringify(result.content), new RegExp(workspaceRoot().replace(/[/\\]/g, '.')));
    await client.close();
    assert.equal(mcp.url.startsWith('http://127.0.0.1:'), true);
  });

  it("gives this window's terminals the port, loopback no_proxy and the endpoint", async function () {
    this.timeout(60_000);
    const { ide, mcp } = await bridgeStatus();
    assert.equal(await terminalVariable('CLAUDE_CODE_SSE_PORT'), String(ide?.port));
    assert.match(await terminalVariable('NO_PROXY'), /(^|,)127\.0\.0\.1(,|$)/);
    assert.equal(await terminalVariable('TANDEM_MCP_URL'), mcp.url);
  });

  it('copies a .mcp.json that points at the endpoint through those variables', async () => {
    await bridgeStatus();
    const copying = vscode.commands.executeCommand<string | undefined>('tandem.copyMcpServerConfig');
    // The quick pick offers the two forms; the first (variables) is the safe one. Accept it once shown.
    let settled = false;
    void copying.then(() => (settled = true));
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const text = await copying;
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.deepEqual(JSON.parse(text ?? ''), {
      mcpServers: {
        tandem: {
          type: 'http',
          url: '${TANDEM_MCP_URL}',
          headers: { Authorization: 'Bearer ${TANDEM_MCP_TOKEN}' },
        },
      },
    });
  });

  it('turned off, removes its lock and stops listening; turned on, starts again', async function () {
    this.timeout(60_000);
    const { bridge } = await (await tandemApi()).ide();
    const before = await bridgeStatus();
    const configuration = vscode.workspace.getConfiguration('tandem.bridge');
    await configuration.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => (bridge.status === undefined ? true : undefined));
      assert.equal(existsSync(before.ide?.lockFile ?? ''), false, 'the lock file is gone');
      const refused = new WebSocketClientTransport(before.ide?.url ?? '', {
        'X-Claude-Code-Ide-Authorization': before.ide?.token ?? '',
      });
      await assert.rejects(refused.start());
    } finally {
      await configuration.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    const after = await bridgeStatus();
    assert.ok(after.ide && existsSync(after.ide.lockFile));
    assert.notEqual(after.ide.token, before.ide?.token, 'a new server has a new token');
    assert.equal(
      after.mcp.token,
      before.mcp.token,
      'the HTTP token persists, so copied configs keep working',
    );
  });
});
