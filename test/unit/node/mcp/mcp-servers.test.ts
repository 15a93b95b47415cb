import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServerConfig } from '../../../../src/core/mcp/mcp-server-config';
import type { McpServerEntry } from '../../../../src/core/mcp/mcp-server-entry';
import { McpServerManager } from '../../../../src/core/mcp/mcp-server-manager';
import { ProjectServerTrust } from '../../../../src/core/mcp/project-server-trust';
import type { AnyTool, ToolResult } from '../../../../src/core/tools/tool';
import { NodeMcpTransports } from '../../../../src/node/mcp/node-mcp-transports';
import type { NetworkFixture } from '../../../support/mcp-fixture';
import {
  fixtureStdioConfig,
  memoryServerScript,
  recordingLogger,
  startNetworkFixture,
} from '../../../support/mcp-fixture';
import type { Clock } from '../../../../src/core/ports';
import { instantClock } from '../../../support/loop-harness';
import { realClock, createToolContext } from '../../../support/tool-context';

const noApprovals = { enableAll: false, enabled: new Set<string>(), disabled: new Set<string>() };

function managerFor(
  servers: Record<string, McpServerConfig>,
  options: { env?: Record<string, string>; callMs?: number; clock?: Clock } = {},
) {
  const logger = recordingLogger();
  const entries: McpServerEntry[] = Object.entries(servers).map(([name, config]) => ({
    name,
    scope: 'user',
    source: 'test',
    config,
  }));
  const manager = new McpServerManager({
    entries,
    transports: new NodeMcpTransports({ cwd: tmpdir(), projectDir: tmpdir(), env: process.env }),
    trust: new ProjectServerTrust({ settings: noApprovals, logger }),
    env: { ...process.env, ...options.env },
    clock: options.clock ?? realClock,
    logger,
    clientInfo: { name: 'tandem-test', version: '0.0.0' },
    roots: [tmpdir()],
    timeouts: { connectMs: 20_000, callMs: options.callMs ?? 20_000 },
  });
  return { manager, logger };
}

async function run(tools: readonly AnyTool[], name: string, input: unknown): Promise<ToolResult> {
  const tool = tools.find((candidate) => candidate.name === name);
  assert.ok(tool, `no tool ${name} among ${tools.map((candidate) => candidate.name).join(', ')}`);
  const parsed = tool.inputSchema.safeParse(input);
  assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
  const generator = tool.call(parsed.data, createToolContext());
  for (;;) {
    const step = await generator.next();
    if (step.done) return step.value;
  }
}

const signal = () => new AbortController().signal;

describe('MCP servers over real transports', function () {
  this.timeout(60_000);

  describe('the SDK fixture over stdio', () => {
    let manager: McpServerManager;
    let logger: ReturnType<typeof recordingLogger>;
    let tools: AnyTool[];

    before(async () => {
      ({ manager, logger } = managerFor(
        {
          fixture: fixtureStdioConfig({
            env: {
              FIXTURE_SECRET: '${SECRET_TOKEN}',
              FIXTURE_DEFAULTED: '${UNSET_FOR_TANDEM_TEST:-fallback}',
            },
          }),
        },
        { env: { SECRET_TOKEN: 's3cr3t-value' } },
      ));
      tools = await manager.tools(signal());
    });

    after(() => manager.dispose());

    it('offers each tool as mcp__<server>__<tool> and counts them in the state', () => {
      assert.ok(tools.some((tool) => tool.name === 'mcp__fixture__echo'));
      assert.ok(tools.some((tool) => tool.name === 'mcp__fixture__write_note'));
      const [server] = manager.servers();
      assert.equal(server?.state.kind, 'connected');
      assert.equal(server?.state.kind === 'connected' ? server.state.tools : 0, 9);
    });

    it('calls a tool and returns its text', async () => {
      assert.deepEqual(await run(tools, 'mcp__fixture__echo', { text: 'hi' }), {
        content: 'echo: hi',
        isError: false,
      });
    });

    it('expands ${VAR} and ${VAR:-default} in the entry’s env before the process starts', async () => {
      assert.equal(
        (await run(tools, 'mcp__fixture__read_env', { name: 'FIXTURE_SECRET' })).content,
        's3cr3t-value',
      );
      assert.equal(
        (await run(tools, 'mcp__fixture__read_env', { name: 'FIXTURE_DEFAULTED' })).content,
        'fallback',
      );
    });

    it('keeps text and image blocks of a mixed result', async () => {
      const result = await run(tools, 'mcp__fixture__picture', {});
      assert.ok(Array.isArray(result.content));
      assert.deepEqual(
        result.content.map((block) => block.type),
        ['text', 'image'],
      );
    });

    it('passes a server’s error result on as an error', async () => {
      const result = await run(tools, 'mcp__fixture__fail', {});
      assert.equal(result.isError, true);
      assert.match(String(result.content), /failed on purpose/);
    });

    it('rejects arguments the server’s schema forbids before they reach the server', () => {
      const tool = tools.find((candidate) => candidate.name === 'mcp__fixture__add');
      const parsed = tool?.inputSchema.safeParse({ a: 1, b: 'two' });
      assert.equal(parsed?.success, false);
      assert.match(
        parsed?.success === false ? (parsed.error.issues[0]?.message ?? '') : '',
        /^b must be number$/,
      );
      const missing = tool?.inputSchema.safeParse({ a: 1 });
      assert.equal(
        missing?.success === false ? missing.error.issues[0]?.message : '',
        "the input must have required property 'b'",
      );
    });

    it('shows the model the server’s schema as given', () => {
      const tool = tools.find((candidate) => candidate.name === 'mcp__fixture__add');
      assert.deepEqual(Object.keys((tool?.inputJsonSchema?.properties as object | undefined) ?? {}), [
        'a',
        'b',
      ]);
    });

    it('marks only tools annotated read-only as read-only and parallel-safe', () => {
      const echo = tools.find((tool) => tool.name === 'mcp__fixture__echo');
      const note = tools.find((tool) => tool.name === 'mcp__fixture__write_note');
      const picture = tools.find((tool) => tool.name === 'mcp__fixture__picture');
      assert.deepEqual([echo?.isReadOnly({}), echo?.isConcurrencySafe({})], [true, true]);
      assert.deepEqual(
        [note?.isReadOnly({}), picture?.isReadOnly({}), picture?.isConcurrencySafe({})],
        [false, false, false],
      );
    });

    it('lists and reads the server’s resources through the resource tools', async () => {
      const listed = await run(tools, 'ListMcpResourcesTool', {});
      assert.match(String(listed.content), /server: fixture, uri: fixture:\/\/readme/);
      const read = await run(tools, 'ReadMcpResourceTool', { server: 'fixture', uri: 'fixture://readme' });
      assert.equal(read.content, '# Fixture\nHello.');
    });

    it('lists the server’s prompts and passes its instructions on', () => {
      assert.deepEqual(manager.servers()[0]?.prompts, ['greet']);
      assert.match(manager.instructions()[0]?.instructions ?? '', /use echo to test/);
    });

    it('never writes an expanded value to the log', () => {
      assert.ok(logger.lines.some((line) => line.includes('connected, 9 tools')));
      assert.ok(!logger.lines.some((line) => line.includes('s3cr3t-value')));
    });
  });

  it('turns a crash in the middle of a call into an error result, then reconnects on the next call', async () => {
    const { manager, logger } = managerFor({ fixture: fixtureStdioConfig() });
    try {
      const tools = await manager.tools(signal());
      const crashed = await run(tools, 'mcp__fixture__crash', {});
      assert.equal(crashed.isError, true);
      assert.match(String(crashed.content), /closed the connection during the call.*crashing on purpose/);
      assert.equal(manager.servers()[0]?.state.kind, 'failed');
      assert.ok(logger.lines.some((line) => line.includes('stderr: fixture: crashing on purpose')));
      assert.deepEqual(await run(tools, 'mcp__fixture__echo', { text: 'back' }), {
        content: 'echo: back',
        isError: false,
      });
      assert.equal(manager.servers()[0]?.state.kind, 'connected');
    } finally {
      await manager.dispose();
    }
  });

  it('reconnects on its own after the back-off when nobody calls', async () => {
    const clock = instantClock();
    const { manager } = managerFor({ fixture: fixtureStdioConfig() }, { clock });
    try {
      const tools = await manager.tools(signal());
      const changed = new Promise<void>((resolve) => {
        const subscription = manager.onDidChange(() => {
          if (manager.servers()[0]?.state.kind !== 'connected') return;
          subscription.dispose();
          resolve();
        });
      });
      await run(tools, 'mcp__fixture__crash', {});
      await changed;
      assert.deepEqual(clock.sleeps, [1_000], 'the first reconnect waits 1 s');
    } finally {
      await manager.dispose();
    }
  });

  it('cancels a call that outlasts the timeout and says so', async () => {
    const { manager } = managerFor({ fixture: fixtureStdioConfig() }, { callMs: 300 });
    try {
      const result = await run(await manager.tools(signal()), 'mcp__fixture__sleep', { ms: 30_000 });
      assert.equal(result.isError, true);
      assert.match(String(result.content), /did not answer within 300 ms; the call was cancelled/);
    } finally {
      await manager.dispose();
    }
  });

  it('does not start a server whose config uses an unset variable without a default', async () => {
    const { manager } = managerFor({ fixture: { command: '${NOT_SET_ANYWHERE}' } });
    try {
      assert.deepEqual(await manager.tools(signal()), []);
      const state = manager.servers()[0]?.state;
      assert.equal(state?.kind, 'failed');
      assert.match(state?.kind === 'failed' ? state.reason : '', /NOT_SET_ANYWHERE is not set/);
    } finally {
      await manager.dispose();
    }
  });

  it('reports a command that does not exist, without retrying it', async () => {
    const { manager } = managerFor({ missing: { command: 'tandem-no-such-command' } });
    try {
      await manager.tools(signal());
      assert.deepEqual(manager.servers()[0]?.state, {
        kind: 'failed',
        reason: 'the command was not found',
        retrying: false,
      });
    } finally {
      await manager.dispose();
    }
  });

  it('turns a server off and on, and restarts it', async () => {
    const { manager } = managerFor({ fixture: fixtureStdioConfig() });
    try {
      await manager.tools(signal());
      await manager.disable('fixture');
      assert.deepEqual(await manager.tools(signal()), []);
      assert.equal(manager.servers()[0]?.state.kind, 'disabled');
      await manager.enable('fixture');
      assert.equal(manager.servers()[0]?.state.kind, 'connected');
      await manager.restart('fixture');
      assert.equal((await manager.tools(signal())).length > 0, true);
    } finally {
      await manager.dispose();
    }
  });

  it('uses a published server from npm over stdio (server-memory)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tandem-memory-'));
    const { manager } = managerFor({
      memory: {
        command: process.execPath,
        args: [memoryServerScript],
        env: { MEMORY_FILE_PATH: join(folder, 'memory.jsonl') },
      },
    });
    try {
      const tools = await manager.tools(signal());
      await run(tools, 'mcp__memory__create_entities', {
        entities: [{ name: 'Tandem', entityType: 'project', observations: ['speaks MCP'] }],
      });
      const graph = await run(tools, 'mcp__memory__read_graph', {});
      assert.match(String(graph.content), /speaks MCP/);
    } finally {
      await manager.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('adds the headers a headersHelper prints over the configured ones, and fails clearly when it breaks', async () => {
    const fixture = await startNetworkFixture('http');
    const helper = `node -e "process.stdout.write(JSON.stringify({'X-Api-Key': 'from-helper'}))"`;
    const { manager } = managerFor({
      good: { type: 'http', url: fixture.url, headers: { 'X-Api-Key': 'static' }, headersHelper: helper },
      broken: { type: 'http', url: fixture.url, headersHelper: 'echo not-json' },
    });
    try {
      const tools = await manager.tools(signal());
      assert.equal(
        (await run(tools, 'mcp__good__read_header', { name: 'x-api-key' })).content,
        'from-helper',
      );
      const broken = manager.servers().find((server) => server.name === 'broken')?.state;
      assert.match(
        broken?.kind === 'failed' ? broken.reason : '',
        /headersHelper did not print a JSON object/,
      );
    } finally {
      await manager.dispose();
      await fixture.stop();
    }
  });

  for (const transport of ['http', 'sse', 'ws'] as const) {
    describe(`the SDK fixture over ${transport}`, () => {
      let fixture: NetworkFixture;
      let manager: McpServerManager;
      let tools: AnyTool[];

      before(async () => {
        fixture = await startNetworkFixture(transport);
        ({ manager } = managerFor(
          {
            remote: {
              type: transport,
              url: fixture.url,
              headers: { 'X-Api-Key': 'Bearer ${FIXTURE_TOKEN}' },
            },
          },
          { env: { FIXTURE_TOKEN: 'token-123' } },
        ));
        tools = await manager.tools(signal());
      });

      after(async () => {
        await manager.dispose();
        await fixture.stop();
      });

      it('connects and calls a tool', async () => {
        assert.deepEqual(await run(tools, 'mcp__remote__echo', { text: transport }), {
          content: `echo: ${transport}`,
          isError: false,
        });
      });

      it('sends the configured headers with ${VAR} expanded', async () => {
        assert.equal(
          (await run(tools, 'mcp__remote__read_header', { name: 'x-api-key' })).content,
          'Bearer token-123',
        );
      });
    });
  }
});
