import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { McpTransportFactory } from '../../core/mcp/mcp-connection';
import type { McpServerConfig, StdioServerConfig } from '../../core/mcp/mcp-server-config';
import { isRemoteServer } from '../../core/mcp/mcp-server-config';
import { WebSocketClientTransport } from './websocket-client-transport';

/**
 * Variables a stdio server inherits from Tandem's environment beside the SDK's own short list
 * (PATH, HOME, USER, SHELL, TERM, LOGNAME): proxies, locale, temp and certificate settings, so
 * `npx` servers work behind a proxy. Nothing else leaks: an API key reaches a server only when its
 * entry passes it (`"env": {"KEY": "${KEY}"}`).
 */
const inheritedVariables = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TEMP',
  'TMP',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
];

const run = promisify(exec);

/** As Claude Code allows a `headersHelper`. */
const headersHelperTimeoutMs = 10_000;

/** Options of {@link NodeMcpTransports}. */
export interface NodeMcpTransportsOptions {
  /** Where stdio servers run: the project root. */
  cwd: string;
  /** Given to stdio servers as `CLAUDE_PROJECT_DIR`, as Claude Code does. */
  projectDir: string;
  /** Tandem's environment, of which {@link inheritedVariables} pass on. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The MCP SDK's transports for expanded entries: stdio, streamable HTTP, SSE, and a WebSocket with headers. */
export class NodeMcpTransports implements McpTransportFactory {
  constructor(private readonly options: NodeMcpTransportsOptions) {}

  async create(config: McpServerConfig, hooks: { onStderr(line: string): void }): Promise<Transport> {
    if (!isRemoteServer(config)) return this.#stdio(config, hooks);
    const url = new URL(config.url);
    const dynamic = config.headersHelper ? await this.#helperHeaders(config.headersHelper) : {};
    const headers = { ...config.headers, ...dynamic };
    switch (config.type) {
      case 'http':
        return new StreamableHTTPClientTransport(url, { requestInit: { headers } });
      case 'sse':
        return new SSEClientTransport(url, { requestInit: { headers } });
      case 'ws':
        return new WebSocketClientTransport(url, headers);
    }
  }

  /** Runs a `headersHelper` command in the project folder; its stdout must be a JSON object of strings. */
  async #helperHeaders(command: string): Promise<Record<string, string>> {
    let stdout: string;
    try {
      ({ stdout } = await run(command, { cwd: this.options.cwd, timeout: headersHelperTimeoutMs }));
    } catch (error) {
      const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new Error(`its headersHelper failed (${first})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(stdout);
    } catch {
      raw = undefined;
    }
    const parsed = z.record(z.string(), z.string()).safeParse(raw);
    if (!parsed.success) throw new Error('its headersHelper did not print a JSON object of string headers');
    return parsed.data;
  }

  #stdio(config: StdioServerConfig, hooks: { onStderr(line: string): void }): Transport {
    const inherited = Object.fromEntries(
      inheritedVariables.flatMap((name) => {
        const value = this.options.env[name];
        return value === undefined ? [] : [[name, value]];
      }),
    );
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      env: { ...inherited, CLAUDE_PROJECT_DIR: this.options.projectDir, ...config.env },
      cwd: this.options.cwd,
      stderr: 'pipe',
    });
    let pending = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') hooks.onStderr(line);
    });
    return transport;
  }
}
