import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { silentLogger } from '../../../../src/core/ports';
import type { IdeWebSocketServer } from '../../../../src/host/bridge/ide-websocket-server';
import { startIdeWebSocketServer } from '../../../../src/host/bridge/ide-websocket-server';
import { fakeIdeServer } from '../ide/fake-ide';

const token = '3f1c0b8e-7a4d-4c2e-9b1a-5d6e7f8a9b0c';

/** The upgrade headers CLI 2.1.283 sends (§1.5), as captured. */
function cliHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    'User-Agent': 'claude-code/2.1.283 (cli)',
    'X-Claude-Code-Ide-Authorization': token,
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** A scripted client: raw frames in, raw frames out, the way the CLI speaks. */
class ScriptedClient {
  readonly received: { at: number; message: Record<string, unknown> }[] = [];
  readonly openedAt = Date.now();
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push({ at: Date.now(), message: JSON.parse(String(data)) as Record<string, unknown> });
      for (const waiter of this.#waiters.splice(0)) waiter();
    });
  }

  static open(
    port: number,
    headers: Record<string, string>,
    protocols: string[] = ['mcp'],
  ): Promise<ScriptedClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`, protocols, { headers, perMessageDeflate: true });
      socket.once('open', () => resolve(new ScriptedClient(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  async next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.received.find((entry) => predicate(entry.message));
      if (found) return found.message;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  async reply(id: number): Promise<{ result?: Record<string, unknown>; error?: Record<string, unknown> }> {
    return (await this.next((message) => message.id === id)) as { result?: Record<string, unknown> };
  }

  /** Sends the captured §1.6 handshake and resolves with the initialize result. */
  async handshake(protocolVersion = '2025-11-25'): Promise<Record<string, unknown>> {
    this.send({
      method: 'initialize',
      params: {
        protocolVersion,
        capabilities: { roots: { listChanged: true }, elicitation: {} },
        clientInfo: { name: 'claude-code', version: '2.1.283' },
      },
      jsonrpc: '2.0',
      id: 0,
    });
    const { result } = await this.reply(0);
    this.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    this.send({ jsonrpc: '2.0', method: 'ide_connected', params: { pid: 5077 } });
    return result ?? {};
  }

  async call(
    id: number,
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ content: { type: string; text: string }[] }> {
    this.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
    const { result } = await this.reply(id);
    return result as { content: { type: string; text: string }[] };
  }
}

/** The status of a refused upgrade. */
function upgradeStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`, ['mcp'], { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('error', () => undefined);
  });
}

describe('IDE WebSocket server: conformance with the captured CLI handshake', () => {
  let server: IdeWebSocketServer;
  let fakes: ReturnType<typeof fakeIdeServer>[];

  beforeEach(async () => {
    fakes = [];
    server = await startIdeWebSocketServer({
      token,
      logger: silentLogger,
      accept: async (transport) => {
        const ide = fakeIdeServer();
        fakes.push(ide);
        await ide.server.connect(transport);
      },
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('refuses a missing or wrong token with 401 before upgrading', async () => {
    assert.equal(
      await upgradeStatus(server.port, cliHeaders({ 'X-Claude-Code-Ide-Authorization': undefined })),
      401,
    );
    assert.equal(
      await upgradeStatus(server.port, cliHeaders({ 'X-Claude-Code-Ide-Authorization': `${token}x` })),
      401,
    );
    assert.equal(
      await upgradeStatus(server.port, cliHeaders({ 'X-Claude-Code-Ide-Authorization': 'Bearer ' + token })),
      401,
    );
    assert.equal(server.clientCount, 0);
  });

  it('refuses a browser page (any Origin) even with the right token', async () => {
    assert.equal(await upgradeStatus(server.port, cliHeaders({ Origin: 'http://127.0.0.1:8080' })), 403);
    assert.equal(await upgradeStatus(server.port, cliHeaders({ Origin: 'https://evil.example' })), 403);
  });

  it('refuses a Host other than loopback (DNS rebinding)', async () => {
    assert.equal(await upgradeStatus(server.port, cliHeaders({ Host: `evil.example:${server.port}` })), 403);
  });

  it('echoes the mcp subprotocol, and picks none when none is offered', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    assert.equal(cli.socket.protocol, 'mcp');
    cli.socket.close();
    const other = await ScriptedClient.open(server.port, cliHeaders(), []);
    assert.equal(other.socket.protocol, '');
    other.socket.close();
  });

  it('answers a plain HTTP request with 426 rather than hanging', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, path: '/' }, (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
      request.once('error', reject);
      request.end();
    });
    assert.equal(status, 426);
  });

  it('runs initialize → tools/list → tools/call as CLI 2.1.283 does', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    const result = await cli.handshake();
    assert.equal(result.protocolVersion, '2025-11-25');
    assert.deepEqual(result.capabilities, { tools: { listChanged: true } });
    assert.equal((result.serverInfo as { name: string }).name, 'Tandem IDE MCP');
    cli.send({ method: 'tools/list', jsonrpc: '2.0', id: 1 });
    const tools = ((await cli.reply(1)).result?.tools ?? []) as { name: string }[];
    assert.equal(tools.length, 12);
    assert.ok(tools.some((tool) => tool.name === 'close_tab'));
    fakes[0]?.editor.files.set('/p/my file.ts', {
      uri: 'file:///p/my file.ts',
      diagnostics: [
        {
          message: 'boom',
          severity: 'Error',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        },
      ],
    });
    const diagnostics = await cli.call(2, 'getDiagnostics', { uri: 'file:///p/my file.ts' });
    assert.deepEqual(JSON.parse(diagnostics.content[0]?.text ?? ''), [
      {
        uri: 'file:///p/my file.ts',
        diagnostics: [
          {
            message: 'boom',
            severity: 'Error',
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          },
        ],
      },
    ]);
    cli.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    assert.deepEqual((await cli.reply(3)).result, {});
    cli.send({ jsonrpc: '2.0', id: 4, method: 'resources/list' });
    assert.equal((await cli.reply(4)).error?.code, -32601, 'unknown methods get Method not found');
    cli.socket.close();
  });

  it('negotiates the protocol version of older CLIs', async () => {
    for (const version of ['2025-06-18', '2025-03-26', '2024-11-05']) {
      const cli = await ScriptedClient.open(server.port, cliHeaders());
      assert.equal((await cli.handshake(version)).protocolVersion, version);
      cli.socket.close();
    }
  });

  it('answers a frame that is not JSON with a parse error and keeps the connection', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    cli.socket.send('{not json');
    const error = await cli.next((message) => message.error !== undefined);
    assert.equal((error.error as { code: number }).code, -32700);
    assert.equal((await cli.handshake()).protocolVersion, '2025-11-25');
    cli.socket.close();
  });

  it('speaks the openDiff answers the CLI expects: FILE_SAVED + text, DIFF_REJECTED + tab, TAB_CLOSED, CLOSED_n', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    await cli.handshake();
    const reviewer = fakes[0]?.reviewer;
    assert.ok(reviewer);
    const args = (tab: string) => ({
      old_file_path: '/p/a.ts',
      new_file_path: '/p/a.ts',
      new_file_contents: 'new\n',
      tab_name: tab,
    });
    const accepted = cli.call(10, 'openDiff', args('✻ [Claude Code] a.ts (3f9a1c) ⧉'));
    await reviewer.waitFor(1);
    reviewer.answer(0, { kind: 'accept-modified', content: 'edited\n' });
    assert.deepEqual((await accepted).content, [
      { type: 'text', text: 'FILE_SAVED' },
      { type: 'text', text: 'edited\n' },
    ]);
    const rejected = cli.call(11, 'openDiff', args('tab two'));
    await reviewer.waitFor(2);
    reviewer.answer(1, { kind: 'reject' });
    assert.deepEqual((await rejected).content, [
      { type: 'text', text: 'DIFF_REJECTED' },
      { type: 'text', text: 'tab two' },
    ]);
    const closed = cli.call(12, 'openDiff', args('tab three'));
    await reviewer.waitFor(3);
    assert.deepEqual((await cli.call(13, 'close_tab', { tab_name: 'tab three' })).content, [
      { type: 'text', text: 'TAB_CLOSED' },
    ]);
    assert.equal((await closed).content[0]?.text, 'DIFF_REJECTED');
    assert.deepEqual((await cli.call(14, 'closeAllDiffTabs', {})).content, [
      { type: 'text', text: 'CLOSED_0_DIFF_TABS' },
    ]);
    cli.socket.close();
  });

  it('rejects the waiting diffs of a client that disconnects', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    await cli.handshake();
    cli.send({
      jsonrpc: '2.0',
      id: 20,
      method: 'tools/call',
      params: {
        name: 'openDiff',
        arguments: { old_file_path: '/p/a', new_file_path: '/p/a', new_file_contents: 'x', tab_name: 't' },
      },
    });
    await fakes[0]?.reviewer.waitFor(1);
    const signal = fakes[0]?.reviewer.signals[0];
    cli.socket.terminate();
    if (!signal?.aborted)
      await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
    assert.equal(signal?.aborted, true);
  });

  it('waits at least 500 ms after the handshake before the first selection_changed', async () => {
    const cli = await ScriptedClient.open(server.port, cliHeaders());
    const selection = {
      text: 'let x = 1;',
      filePath: '/p/a.ts',
      fileUrl: 'file:///p/a.ts',
      selection: { start: { line: 10, character: 0 }, end: { line: 10, character: 10 }, isEmpty: false },
    };
    await cli.handshake();
    const initializedAt = Date.now();
    fakes[0]?.selections.update(selection);
    const pushed = await cli.next((message) => message.method === 'selection_changed');
    const arrival = cli.received.find((entry) => entry.message === pushed)?.at ?? 0;
    // A few ms of slack for timer granularity; an immediate push would arrive within a few ms.
    assert.ok(arrival - initializedAt >= 490, `first push after ${arrival - initializedAt} ms`);
    assert.deepEqual(pushed, { jsonrpc: '2.0', method: 'selection_changed', params: selection });
    cli.socket.close();
  });

  it('serves several clients at once, each with its own session', async () => {
    const one = await ScriptedClient.open(server.port, cliHeaders());
    const two = await ScriptedClient.open(server.port, cliHeaders());
    await Promise.all([one.handshake(), two.handshake()]);
    assert.equal(server.clientCount, 2);
    assert.equal(fakes.length, 2);
    one.socket.close();
    two.socket.close();
  });
});
