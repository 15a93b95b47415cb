import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovalAnswer, ApprovalRequest } from '../../../../src/core/ports';
import type { NodeAgentOptions, NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { fixtureStdioConfig, recordingLogger } from '../../../support/mcp-fixture';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import { valueAt } from '../../../support/value-at';

interface Body {
  system?: unknown;
  tools?: { name: string; cache_control?: unknown }[];
  messages?: { role: string; content: unknown }[];
}

const bodyOf = (server: ScriptedModelServer, index: number): Body =>
  (server.modelRequests[index]?.body ?? {}) as Body;
const toolNames = (body: Body) => (body.tools ?? []).map((tool) => tool.name);
/** The definitions as the cache sees them: byte for byte, without the breakpoint markers. */
const definitionsText = (tools: Body['tools'] = []) =>
  JSON.stringify(tools.map(({ cache_control: _marker, ...definition }) => definition));

describe('an agent with MCP servers (createNodeAgent against the scripted model)', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let folder: string;
  let session: NodeAgentSession | undefined;
  let asked: ApprovalRequest[];

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-mcp-agent-')));
    mkdirSync(join(folder, 'home'));
    asked = [];
  });

  afterEach(async () => {
    await session?.dispose();
    session = undefined;
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function create(
    extra: Partial<NodeAgentOptions> = {},
    answers: ApprovalAnswer[] = [],
  ): Promise<NodeAgentSession> {
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: {
        ANTHROPIC_BASE_URL: server.url,
        ANTHROPIC_API_KEY: 'k',
        TANDEM_HOME: join(folder, 'tandem'),
        PATH: process.env.PATH,
      },
      approver: { ask: async (request) => (asked.push(request), answers.shift() ?? { kind: 'deny' }) },
      ...extra,
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    session = created.session;
    return created.session;
  }

  async function drain(prompt: string): Promise<void> {
    for await (const event of session!.agent.submit(prompt, new AbortController().signal)) void event;
  }

  const catalogConfig = () =>
    JSON.stringify({ mcpServers: { catalog: fixtureStdioConfig({ catalog: true }) } });

  it('defers fifty tools behind ToolSearch, loads the one found, and calls it', async () => {
    await create({ mcpConfigs: [catalogConfig()] }, [{ kind: 'allow-once' }]);
    const invoice = { customer_id: '42', amount_cents: '9950', currency: 'EUR' };
    server.enqueue(
      { blocks: [{ toolUse: { name: 'ToolSearch', input: { query: 'invoice create', max_results: 1 } } }] },
      { blocks: [{ toolUse: { name: 'mcp__catalog__billing_create_invoice', input: invoice } }] },
      { blocks: [{ text: 'Invoice created.' }] },
    );
    await drain('Bill customer 42 for 99.50 EUR.');

    const first = bodyOf(server, 0);
    assert.ok(toolNames(first).includes('ToolSearch'));
    assert.ok(
      !toolNames(first).some((name) => name.startsWith('mcp__')),
      'no MCP schema in the first request',
    );
    const prompt = JSON.stringify(first.messages?.[0]);
    assert.match(prompt, /schemas are not loaded yet/);
    assert.equal(prompt.match(/mcp__catalog__/g)?.length, 50);

    const second = bodyOf(server, 1);
    assert.deepEqual(toolNames(second).slice(toolNames(first).length), [
      'mcp__catalog__billing_create_invoice',
    ]);
    assert.equal(
      definitionsText(second.tools?.slice(0, first.tools?.length)),
      definitionsText(first.tools),
      'the loaded tool is appended: every definition before it is unchanged, so the cached prefix holds',
    );
    assert.match(
      JSON.stringify(valueAt(second, 'messages', 2)),
      /<functions>.*billing_create_invoice.*amount_cents/,
    );

    assert.equal(asked[0]?.toolName, 'mcp__catalog__billing_create_invoice');
    assert.equal(asked[0]?.suggestedRule, 'mcp__catalog__billing_create_invoice');
    const third = JSON.stringify(valueAt(bodyOf(server, 2), 'messages', 4));
    assert.match(
      third,
      /billing_create_invoice ran with \{\\"customer_id\\":\\"42\\",\\"amount_cents\\":\\"9950\\",\\"currency\\":\\"EUR\\"\}/,
    );
  });

  it('sends a small server’s tools in full, without ToolSearch, and runs them when a rule allows the server', async () => {
    const config = JSON.stringify({ mcpServers: { fixture: fixtureStdioConfig() } });
    await create({ mcpConfigs: [config], allowedTools: ['mcp__fixture'] });
    server.enqueue(
      { blocks: [{ toolUse: { name: 'mcp__fixture__add', input: { a: 2, b: 3 } } }] },
      { blocks: [{ text: '5' }] },
    );
    await drain('add 2 and 3');
    const first = bodyOf(server, 0);
    assert.ok(toolNames(first).includes('mcp__fixture__add'));
    assert.ok(!toolNames(first).includes('ToolSearch'));
    assert.match(JSON.stringify(bodyOf(server, 0).system), /Fixture server: use echo to test/);
    assert.deepEqual(asked, []);
    assert.match(JSON.stringify(valueAt(bodyOf(server, 1), 'messages', 2)), /"content":"5"/);
  });

  it('keeps a session going after a server crashes in the middle of a call', async () => {
    const config = JSON.stringify({ mcpServers: { fixture: fixtureStdioConfig() } });
    await create({ mcpConfigs: [config], allowedTools: ['mcp__fixture'] });
    server.enqueue(
      { blocks: [{ toolUse: { name: 'mcp__fixture__crash', input: {} } }] },
      { blocks: [{ toolUse: { name: 'mcp__fixture__echo', input: { text: 'still here' } } }] },
      { blocks: [{ text: 'done' }] },
    );
    await drain('crash it, then echo');
    assert.match(
      JSON.stringify(valueAt(bodyOf(server, 1), 'messages', 2)),
      /closed the connection during the call.*"is_error":true/,
    );
    assert.match(JSON.stringify(valueAt(bodyOf(server, 2), 'messages', 4)), /echo: still here/);
    assert.equal(server.pending, 0);
  });

  describe('project servers (.mcp.json)', () => {
    beforeEach(() => {
      writeFileSync(
        join(folder, '.mcp.json'),
        JSON.stringify({ mcpServers: { project: fixtureStdioConfig() } }),
      );
    });

    it('refuses to start one nobody approved in a headless run, and says how to approve it', async () => {
      const logger = recordingLogger();
      await create({ logger });
      server.enqueue({ blocks: [{ text: 'ok' }] });
      await drain('hello');
      assert.ok(!toolNames(bodyOf(server, 0)).some((name) => name.startsWith('mcp__project__')));
      assert.ok(
        logger.lines.some((line) =>
          /MCP server "project" from .*\.mcp\.json was not started: not approved.*enabledMcpjsonServers/.test(
            line,
          ),
        ),
      );
      assert.equal(session?.mcp.servers()[0]?.state.kind, 'disabled');
      const call = {
        server: 'project',
        tool: 'echo',
        arguments: { text: 'x' },
        signal: new AbortController().signal,
      };
      assert.equal((await session?.mcp.callTool(call))?.ok, false, 'a direct call does not start it either');
      assert.equal(session?.mcp.servers()[0]?.state.kind, 'disabled');
    });

    it('starts one listed in enabledMcpjsonServers without asking', async () => {
      mkdirSync(join(folder, '.claude'));
      writeFileSync(
        join(folder, '.claude', 'settings.local.json'),
        JSON.stringify({ enabledMcpjsonServers: ['project'] }),
      );
      await create();
      server.enqueue({ blocks: [{ text: 'ok' }] });
      await drain('hello');
      assert.ok(toolNames(bodyOf(server, 0)).includes('mcp__project__echo'));
    });

    it('asks once, starts it, and saves the answer where Claude Code does', async () => {
      const questions: string[][] = [];
      await create({
        mcpTrustPrompt: {
          ask: async (servers) => (questions.push(servers.map((entry) => entry.name)), 'approve'),
        },
      });
      server.enqueue({ blocks: [{ text: 'ok' }] }, { blocks: [{ text: 'ok again' }] });
      await drain('hello');
      await drain('and again');
      assert.deepEqual(questions, [['project']]);
      assert.ok(toolNames(bodyOf(server, 0)).includes('mcp__project__echo'));
      const saved = JSON.parse(
        readFileSync(join(folder, '.claude', 'settings.local.json'), 'utf8'),
      ) as unknown;
      assert.deepEqual(saved, { enabledMcpjsonServers: ['project'] });
    });

    it('never starts one in an untrusted workspace', async () => {
      mkdirSync(join(folder, '.claude'));
      writeFileSync(
        join(folder, '.claude', 'settings.local.json'),
        JSON.stringify({ enableAllProjectMcpServers: true }),
      );
      await create({ trusted: false });
      server.enqueue({ blocks: [{ text: 'ok' }] });
      await drain('hello');
      assert.ok(!toolNames(bodyOf(server, 0)).some((name) => name.startsWith('mcp__project__')));
      assert.match(JSON.stringify(session?.mcp.servers()[0]?.state), /not trusted/);
      await session?.mcp.enable('project');
      assert.match(JSON.stringify(session?.mcp.servers()[0]?.state), /not trusted/, 'not even on a click');
    });
  });

  it('fails to start with a clear message when a --mcp-config file cannot be read', async () => {
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
      approver: { ask: async () => ({ kind: 'deny' }) },
      mcpConfigs: ['missing.json'],
    });
    assert.equal(created.ok, false);
    assert.match(created.ok ? '' : created.message, /--mcp-config .*missing\.json: cannot read the file/);
  });
});
