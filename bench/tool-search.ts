/**
 * ToolSearch beside Claude Code: both CLIs headless against one scripted model server, with the
 * same fixture MCP server of 50 ordinary tools over stdio (`test/fixtures/mcp`).
 *
 * (a) What the first request of a session carries, in estimated tokens (characters ÷ 4 of system,
 *     tools and messages): without MCP, with the 50 tools sent in full (`ENABLE_TOOL_SEARCH=false`,
 *     which both CLIs read), and with them deferred (the default); in brackets, what each adds over
 *     the run without MCP. With `false` Claude Code also sends its own deferred built-ins in full, so
 *     the definitions of the MCP tools alone are a column of their own.
 * (b) A scripted task: search "invoice create", then call `billing_create_invoice`; it passes when
 *     the server really ran that tool with the model's arguments.
 * What each agent sent is summarised below the tables (the server records every request).
 * Run: `npm run build && npx tsx bench/tool-search.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureStdioConfig } from '../test/support/mcp-fixture';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { isMainLoopBody, peerAgents, runAgent } from './peer-agents';

interface Body {
  system?: unknown;
  tools?: { name: string; defer_loading?: boolean; cache_control?: unknown }[];
  messages?: { role: string; content: unknown }[];
}

const invoice = { customer_id: '42', amount_cents: '9950', currency: 'EUR' };
const configDir = mkdtempSync(join(tmpdir(), 'tandem-bench-mcp-'));
const configPath = join(configDir, 'mcp.json');
writeFileSync(configPath, JSON.stringify({ mcpServers: { catalog: fixtureStdioConfig({ catalog: true }) } }));

const tokens = (value: unknown) => Math.round(JSON.stringify(value ?? '').length / 4);
const requestTokens = (body: Body) => tokens(body.system) + tokens(body.tools) + tokens(body.messages);

/** Runs one agent once; every main-loop request is kept, side requests get a short answer. */
async function session(
  agent: PeerAgent,
  options: { mcp: boolean; env?: Record<string, string>; steps?: ScriptedOutcome[] },
): Promise<{ bodies: Body[]; exitCode: number | null; stderr: string }> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const bodies: Body[] = [];
  const steps = [...(options.steps ?? [])];
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoopBody(request.body)) return { blocks: [{ text: 'ok' }] };
    bodies.push(request.body as Body);
    return steps.shift() ?? { blocks: [{ text: 'done' }] };
  };
  server.enqueue(...Array.from({ length: 40 }, () => dispatch));
  const run = await runAgent({
    agent,
    prompt: 'Bill customer 42 for 99.50 EUR.',
    baseUrl: url,
    extraArgs: options.mcp ? ['--mcp-config', configPath, '--allowedTools', 'mcp__catalog'] : [],
    ...(options.env ? { env: options.env } : {}),
  });
  await server.close();
  return { bodies, exitCode: run.exitCode, stderr: run.stderr };
}

/** The same script for both: Claude Code's ToolSearch requires `max_results`; Tandem's takes it too. */
function taskSteps(): ScriptedOutcome[] {
  return [
    { blocks: [{ toolUse: { name: 'ToolSearch', input: { query: 'invoice create', max_results: 3 } } }] },
    { blocks: [{ toolUse: { name: 'mcp__catalog__billing_create_invoice', input: invoice } }] },
    { blocks: [{ text: 'Invoice created.' }] },
  ];
}

const mcpNames = (body: Body | undefined) =>
  (body?.tools ?? []).map((tool) => tool.name).filter((name) => name.startsWith('mcp__'));

function describeRequests(agent: PeerAgent, bodies: Body[]): string[] {
  const [first, second] = bodies;
  const text = JSON.stringify(first?.messages ?? []);
  const listed = text.match(/mcp__catalog__\w+/g)?.length ?? 0;
  const result = JSON.stringify(second?.messages?.at(-1) ?? {});
  const references = result.match(/"type":"tool_reference"/g)?.length ?? 0;
  const schemaText = /<functions>/.test(result);
  const loaded = (second?.tools ?? []).filter((tool) => tool.name.startsWith('mcp__'));
  const definitions = (tools: Body['tools'] = []) =>
    JSON.stringify(tools.map(({ cache_control: _marker, ...definition }) => definition));
  const holds = definitions(second?.tools?.slice(0, first?.tools?.length ?? 0)) === definitions(first?.tools);
  return [
    `- ${agent.name}: first request ${first?.tools?.length ?? 0} tools (${mcpNames(first).length} MCP), ${listed} MCP names listed in its messages;` +
      ` ToolSearch result: ${references > 0 ? `${references} tool_reference blocks` : schemaText ? 'schemas as <functions> text' : 'none'};` +
      ` then ${loaded.length} MCP tools in the request (${loaded.map((tool) => `${tool.name.replace('mcp__catalog__', '')}${tool.defer_loading ? ' defer_loading' : ''}`).join(', ')});` +
      ` the definitions of the first request ${holds ? 'stay an unchanged prefix' : 'changed'} of the next.`,
  ];
}

async function main(): Promise<void> {
  const agents = peerAgents();
  const rows: string[] = [];
  const notes: string[] = [];
  const taskRows: string[] = [];
  for (const agent of agents) {
    const bare = await session(agent, { mcp: false });
    const full = await session(agent, { mcp: true, env: { ENABLE_TOOL_SEARCH: 'false' } });
    const deferred = await session(agent, { mcp: true });
    for (const [label, run] of [
      ['no MCP', bare],
      ['50 tools, full', full],
      ['50 tools, deferred', deferred],
    ] as const)
      if (run.exitCode !== 0)
        process.stderr.write(`${agent.name} (${label}) exited ${String(run.exitCode)}: ${run.stderr}\n`);
    const base = bare.bodies[0] ? requestTokens(bare.bodies[0]) : Number.NaN;
    const fullTokens = full.bodies[0] ? requestTokens(full.bodies[0]) : Number.NaN;
    const deferredTokens = deferred.bodies[0] ? requestTokens(deferred.bodies[0]) : Number.NaN;
    const definitions = tokens((full.bodies[0]?.tools ?? []).filter((tool) => tool.name.startsWith('mcp__')));
    rows.push(
      `| ${agent.name} | ${base} | ${definitions} | ${fullTokens} (+${fullTokens - base}) | ${deferredTokens} (+${deferredTokens - base}) | ${mcpNames(full.bodies[0]).length} → ${mcpNames(deferred.bodies[0]).length} |`,
    );

    const task = await session(agent, { mcp: true, steps: taskSteps() });
    const ran = JSON.stringify(task.bodies[2]?.messages?.at(-1) ?? {}).includes(
      'billing_create_invoice ran with',
    );
    const found = mcpNames(task.bodies[1]).includes('mcp__catalog__billing_create_invoice');
    const total = task.bodies.reduce((sum, body) => sum + requestTokens(body), 0);
    taskRows.push(
      `| ${agent.name} | ${found ? 'yes' : 'no'} | ${ran ? 'yes' : 'no'} | ${task.bodies.length} | ${total} |`,
    );
    notes.push(...describeRequests(agent, task.bodies));
  }
  console.log('Estimated tokens of the first request (system + tools + messages; characters ÷ 4):');
  console.log('');
  console.log(
    '| agent | no MCP | the 50 MCP definitions alone | 50 MCP tools in full | 50 MCP tools deferred | MCP schemas sent (full → deferred) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('');
  console.log(
    'Scripted task "Bill customer 42 for 99.50 EUR." (ToolSearch "invoice create", then the call):',
  );
  console.log('');
  console.log(
    '| agent | tool loaded after the search | server ran it with the arguments | main-loop requests | their estimated tokens |',
  );
  console.log('|---|---|---|---|---|');
  for (const row of taskRows) console.log(row);
  console.log('');
  console.log('What each agent sent in the task:');
  for (const note of notes) console.log(note);
  rmSync(configDir, { recursive: true, force: true });
}

void main();
