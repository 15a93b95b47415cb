import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureStdioConfig } from '../../support/mcp-fixture';
import { cliPath, runCli } from '../../support/run-cli';
import { ScriptedModelServer } from '../../support/scripted-model-server';

describe('tandem CLI with MCP servers (built bundle)', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let folder: string;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-cli-mcp-')));
    env = {
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'test-key',
      TANDEM_HOME: join(folder, '.tandem-home'),
    };
  });

  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const writeConfig = (file: string, name: string) =>
    writeFileSync(join(folder, file), JSON.stringify({ mcpServers: { [name]: fixtureStdioConfig() } }));
  const requestText = (index: number) => JSON.stringify(server.modelRequests[index]?.body ?? {});

  it('uses the servers of --mcp-config files for one run and calls their tools', async () => {
    writeConfig('one.json', 'alpha');
    writeConfig('two.json', 'beta');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'mcp__beta__echo', input: { text: 'from the cli' } } }] },
      { blocks: [{ text: 'Echoed.' }] },
    );
    const run = await runCli(
      ['-p', 'echo something', '--mcp-config', 'one.json', 'two.json', '--allowedTools', 'mcp__beta'],
      { cwd: folder, env },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Echoed\./);
    assert.match(requestText(0), /"name":"mcp__alpha__echo"/);
    assert.match(requestText(1), /echo: from the cli/);
  });

  it('refuses an MCP call no rule allows when nobody is at a terminal, naming the rule to add', async () => {
    writeConfig('one.json', 'alpha');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'mcp__alpha__write_note', input: { note: 'x' } } }] },
      { blocks: [{ text: 'ok' }] },
    );
    const run = await runCli(['-p', 'note it', '--mcp-config', 'one.json'], { cwd: folder, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      requestText(1),
      /no one is at a terminal to give it; allow it with --allowedTools \\"mcp__alpha__write_note\\"/,
    );
  });

  it('leaves an unapproved .mcp.json server stopped in a headless run and says why on stderr', async () => {
    writeConfig('.mcp.json', 'project');
    server.enqueue({ blocks: [{ text: 'ok' }] });
    const run = await runCli(['-p', 'hello'], { cwd: folder, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /MCP server "project" from .*\.mcp\.json was not started: not approved/);
    assert.doesNotMatch(requestText(0), /mcp__project__/);
  });

  it('uses only the --mcp-config servers with --strict-mcp-config', async () => {
    writeConfig('.mcp.json', 'project');
    writeConfig('one.json', 'alpha');
    server.enqueue({ blocks: [{ text: 'ok' }] });
    const run = await runCli(['-p', 'hello', '--mcp-config', 'one.json', '--strict-mcp-config'], {
      cwd: folder,
      env,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /project/);
    assert.match(requestText(0), /mcp__alpha__echo/);
  });

  it('stops with a message when a --mcp-config value is not a server list', async () => {
    writeFileSync(join(folder, 'bad.json'), '{"mcpServers": {"x": {"url": "http://localhost"}}}');
    const run = await runCli(['-p', 'hello', '--mcp-config', 'bad.json'], { cwd: folder, env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /bad\.json: x a server with a url needs "type"/);
    assert.equal(server.modelRequests.length, 0);
  });
});
