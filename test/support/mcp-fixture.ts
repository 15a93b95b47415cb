import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { StdioServerConfig } from '../../src/core/mcp/mcp-server-config';
import type { Logger } from '../../src/core/ports';

const root = join(__dirname, '..', '..');
const fixtureScript = join(root, 'test', 'fixtures', 'mcp', 'serve-fixture.ts');
const tsxLoader = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** The published server from npm used beside our own fixture. */
export const memoryServerScript = join(
  root,
  'node_modules',
  '@modelcontextprotocol',
  'server-memory',
  'dist',
  'index.js',
);

/** Arguments that start the fixture MCP server with Node and tsx, from any working directory. */
export function fixtureArgs(
  options: { transport?: 'stdio' | 'http' | 'sse' | 'ws'; catalog?: boolean; name?: string } = {},
): string[] {
  return [
    '--import',
    tsxLoader,
    fixtureScript,
    '--transport',
    options.transport ?? 'stdio',
    ...(options.catalog ? ['--catalog'] : []),
    ...(options.name ? ['--name', options.name] : []),
  ];
}

/** A stdio entry for the fixture server (fifty catalogue tools with `catalog`). */
export function fixtureStdioConfig(
  options: { catalog?: boolean; env?: Record<string, string> } = {},
): StdioServerConfig {
  return {
    command: process.execPath,
    args: fixtureArgs({ catalog: options.catalog ?? false }),
    ...(options.env ? { env: options.env } : {}),
  };
}

/** A fixture server listening on loopback over a network transport; `stop()` kills it. */
export interface NetworkFixture {
  url: string;
  stop(): Promise<void>;
}

/** Starts the fixture over streamable HTTP, SSE or a WebSocket and waits for its `LISTENING` line. */
export function startNetworkFixture(transport: 'http' | 'sse' | 'ws'): Promise<NetworkFixture> {
  const child: ChildProcess = spawn(process.execPath, fixtureArgs({ transport }), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fixture exited with ${String(code)} before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (!match?.[1]) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) done();
            else {
              child.once('exit', () => done());
              child.kill();
            }
          }),
      });
    });
  });
}

/** A Logger that keeps every line, for asserting what reached the log (and what did not). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push(`${level} ${message}${args.length > 0 ? ` ${args.map(String).join(' ')}` : ''}`);
  return {
    lines,
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
