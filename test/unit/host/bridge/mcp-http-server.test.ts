import { strict as assert } from 'node:assert';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { silentLogger } from '../../../../src/core/ports';
import type { McpHttpServer } from '../../../../src/host/bridge/mcp-http-server';
import { startMcpHttpServer } from '../../../../src/host/bridge/mcp-http-server';
import { fakeIdeServer } from '../ide/fake-ide';

const token = 'http-token';

function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'claude-code', version: '2.1.330' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  return client.connect(transport).then(() => client);
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
});

describe('MCP endpoint over streamable HTTP', () => {
  let server: McpHttpServer;
  const created: ReturnType<typeof fakeIdeServer>[] = [];

  beforeEach(async () => {
    server = await startMcpHttpServer({
      token,
      logger: silentLogger,
      createServer: () => {
        const ide = fakeIdeServer({ notifications: false });
        created.push(ide);
        return ide.server;
      },
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('serves every IDE tool to an SDK client that brings the bearer token', async () => {
    const client = await connect(server.url, { Authorization: `Bearer ${token}` });
    const { tools } = await client.listTools();
    assert.equal(tools.length, 12);
    created.at(-1)?.editor.documents.set('/work/project/a.ts', { isDirty: true, isUntitled: false });
    const result = await client.callTool({
      name: 'checkDocumentDirty',
      arguments: { filePath: '/work/project/a.ts' },
    });
    assert.match(JSON.stringify(result.content), /\\"isDirty\\":true/);
    assert.equal(server.sessionCount, 1);
    await client.close();
  });

  it('refuses a request without the token, with a wrong one, or from a browser page', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: initialize,
      });
    assert.equal((await post({})).status, 401);
    assert.equal((await post({ authorization: 'Bearer nope' })).status, 401);
    assert.equal(
      (await post({ authorization: `Bearer ${token}`, origin: 'https://evil.example' })).status,
      403,
    );
    assert.equal(server.sessionCount, 0);
  });

  it('answers an unknown session with 404, so the client starts a new one', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'mcp-session-id': 'gone',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(response.status, 404);
  });

  it('keeps no session for a request that is not an initialize', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(response.status, 400);
    assert.equal(server.sessionCount, 0);
  });

  it('takes the port it had before when it is free, and another one when it is not', async () => {
    const again = await startMcpHttpServer({
      token,
      logger: silentLogger,
      createServer: () => fakeIdeServer().server,
      preferredPort: server.port,
    });
    assert.notEqual(again.port, server.port);
    const port = again.port;
    await again.close();
    const third = await startMcpHttpServer({
      token,
      logger: silentLogger,
      createServer: () => fakeIdeServer().server,
      preferredPort: port,
    });
    assert.equal(third.port, port);
    await third.close();
  });
});
