import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as vscode from 'vscode';
import { WebSocketClientTransport } from '../../support/websocket-client-transport';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

const files = 100;
const perFile = 10;
const rounds = 50;

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function time(rounds: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < rounds; index += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

// Timings are reported, not asserted: bench/ide-bridge.ts reads them (TANDEM_BENCH_OUT).
describe('IDE bridge bench', () => {
  it('getDiagnostics on 1,000 diagnostics answers through the WebSocket bridge', async function () {
    this.timeout(120_000);
    const api = await tandemApi();
    const { bridge } = await api.ide();
    const ide = await eventually(() => bridge.status?.ide);
    const collection = vscode.languages.createDiagnosticCollection('tandem-bench');
    const uris = Array.from({ length: files }, (_, index) =>
      vscode.Uri.file(join(workspaceRoot(), 'bench', `module-${index}.ts`)),
    );
    for (const uri of uris) {
      collection.set(
        uri,
        Array.from({ length: perFile }, (_, line) => {
          const diagnostic = new vscode.Diagnostic(
            new vscode.Range(line, 4, line, 12),
            `Property 'value${line}' does not exist on type 'Model'.`,
            vscode.DiagnosticSeverity.Error,
          );
          diagnostic.source = 'ts';
          diagnostic.code = 2339;
          return diagnostic;
        }),
      );
    }
    const client = new Client({ name: 'claude-code', version: '2.1.330' });
    await client.connect(
      new WebSocketClientTransport(ide.url, { 'X-Claude-Code-Ide-Authorization': ide.token }),
    );
    try {
      const all = async () =>
        (await client.callTool({ name: 'getDiagnostics', arguments: {} })) as CallToolResult;
      const one = async () =>
        (await client.callTool({
          name: 'getDiagnostics',
          arguments: { uri: `file://${uris[0]?.fsPath ?? ''}` },
        })) as CallToolResult;
      const answer = await all();
      const text = answer.content[0]?.type === 'text' ? answer.content[0].text : '';
      const entries = JSON.parse(text) as { diagnostics: unknown[] }[];
      const count = entries.reduce((sum, entry) => sum + entry.diagnostics.length, 0);
      assert.ok(count >= files * perFile, `${count} diagnostics came back`);
      await time(5, all);
      const allSamples = await time(rounds, all);
      const oneSamples = await time(rounds, one);
      const result = {
        diagnostics: count,
        responseKiB: Buffer.byteLength(text) / 1024,
        allMedianMs: percentile(allSamples, 0.5),
        allP95Ms: percentile(allSamples, 0.95),
        oneMedianMs: percentile(oneSamples, 0.5),
        oneP95Ms: percentile(oneSamples, 0.95),
        activateMs: api.activation.activateMs,
        ideReadyMs: api.activation.ideReadyMs ?? Number.NaN,
      };
      const out = process.env['TANDEM_BENCH_OUT'];
      if (out) writeFileSync(out, JSON.stringify(result));
    } finally {
      await client.close();
      collection.dispose();
    }
  });
});
