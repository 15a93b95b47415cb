import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { lockFileSchema } from '../../src/host/bridge/lock-file';
import { repositoryRoot } from '../integration/code-server-harness';
import type { RecordedRequest, ScriptedOutcome } from '../support/scripted-turn';
import { WebSocketClientTransport } from '../support/websocket-client-transport';
import type { E2eFixture } from './e2e-fixture';
import { startE2e } from './e2e-fixture';

/** Claude Code, pinned in tools/claude-code/package.json and installed by scripts/install-claude-code.sh. */
const claudeBin = join(repositoryRoot, '.tandem-tools', 'claude-code', 'node_modules', '.bin', 'claude');
const broken = "export const count: number = 'three';\n";
const greeting = 'export const greeting = "hello";\n';
const typeError = "Type 'string' is not assignable to type 'number'.";

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The bridge's port (from the lock file's name, as the CLI reads it), token and folders. */
async function readLock(
  fixture: E2eFixture,
): Promise<{ port: number; token: string; workspaceFolders: string[] }> {
  const directory = join(fixture.claudeConfigDir, 'ide');
  return until(() => {
    const name = existsSync(directory)
      ? readdirSync(directory).find((file) => /^\d+\.lock$/.test(file))
      : undefined;
    if (!name) return undefined;
    const lock = lockFileSchema.parse(JSON.parse(readFileSync(join(directory, name), 'utf8')));
    return {
      port: Number(name.replace('.lock', '')),
      token: lock.authToken,
      workspaceFolders: lock.workspaceFolders,
    };
  }, 60_000);
}

function toolResultIn(
  request: RecordedRequest,
  toolUseId: string,
): { content: unknown; is_error?: boolean } | undefined {
  const messages = (request.body as { messages?: { content: unknown }[] }).messages ?? [];
  return messages
    .flatMap((message) =>
      Array.isArray(message.content) ? (message.content as Record<string, unknown>[]) : [],
    )
    .find((block) => block['type'] === 'tool_result' && block['tool_use_id'] === toolUseId) as
    { content: unknown; is_error?: boolean } | undefined;
}

function toolNames(request: RecordedRequest): string[] {
  return ((request.body as { tools?: { name?: string }[] }).tools ?? []).map((tool) => tool.name ?? '');
}

/** Answers the scripted model's requests; each CLI run installs its own. */
let answerModel: (request: RecordedRequest) => ScriptedOutcome = () => [{ text: 'ok' }];

/**
 * One headless `claude -p` turn against the fixture's scripted model: the model calls `tool` with
 * `input`, then answers. Resolves with the tool result the CLI sent back and the tools it offered.
 */
async function claudeCallsTool(
  fixture: E2eFixture,
  options: { mcpConfig: unknown; tool: string; input: Record<string, unknown>; env?: Record<string, string> },
): Promise<{ result: { content: unknown; is_error?: boolean }; tools: string[]; stdout: string }> {
  const toolUseId = `toolu_e2e_${options.tool.replace(/\W/g, '_')}`;
  const mainRequests: RecordedRequest[] = [];
  const steps: ScriptedOutcome[] = [
    [
      { text: 'Asking the editor.' },
      { toolUse: { id: toolUseId, name: options.tool, input: options.input } },
    ],
    [{ text: 'The editor answered.' }],
  ];
  // Side requests (titles, summaries) carry no tools of ours; they get a short text.
  answerModel = (request) => {
    if (!toolNames(request).includes(options.tool)) return [{ text: 'ok' }];
    mainRequests.push(request);
    return steps.shift() ?? [{ text: 'done' }];
  };
  const home = mkdtempSync(join(tmpdir(), 'tandem-e2e-claude-home-'));
  mkdirSync(join(home, '.claude'), { recursive: true });
  const args = [
    '-p',
    'Ask the editor.',
    '--mcp-config',
    JSON.stringify(options.mcpConfig),
    '--allowedTools',
    options.tool,
    '--output-format',
    'json',
  ];
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(claudeBin, args, {
        cwd: fixture.workspace,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home,
          CLAUDE_CONFIG_DIR: join(home, '.claude'),
          ANTHROPIC_BASE_URL: fixture.model.url,
          ANTHROPIC_API_KEY: 'sk-ant-e2e-dummy',
          ANTHROPIC_MODEL: 'claude-sonnet-4-6',
          // The CLI defers MCP tools behind ToolSearch by default; offered directly, one scripted call reaches them.
          ENABLE_TOOL_SEARCH: 'false',
          DISABLE_TELEMETRY: '1',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
          ...options.env,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    },
  );
  assert.equal(run.code, 0, `claude exited ${String(run.code)}: ${run.stderr.slice(-2000)}`);
  const [first, followUp] = mainRequests;
  assert.ok(
    first && followUp,
    `the model was called after the tool ran (${mainRequests.length} main requests)`,
  );
  const result = toolResultIn(followUp, toolUseId);
  assert.ok(result, 'the tool result went back to the model');
  return { result, tools: toolNames(first), stdout: run.stdout };
}

/** Runs `command` in a new integrated terminal of the workbench, as a person would type it. */
async function runInTerminal(fixture: E2eFixture, command: string): Promise<void> {
  await fixture.page.locator('.part.editor').click();
  await fixture.page.keyboard.press('Control+Backquote');
  await fixture.page.locator('.terminal-wrapper .xterm').first().waitFor();
  await fixture.page.locator('.terminal-wrapper .xterm').first().click();
  await fixture.page.keyboard.type(command);
  await fixture.page.keyboard.press('Enter');
}

describe('the real claude CLI uses Tandem as its IDE (packaged .vsix, scripted model)', () => {
  let fixture: E2eFixture;

  before(async () => {
    if (!existsSync(claudeBin))
      throw new Error(
        `the Claude Code CLI is missing at ${claudeBin} (scripts/install-claude-code.sh installs it; npm test runs that first)`,
      );
    fixture = await startE2e({ 'broken.ts': broken, 'greeting.ts': greeting });
    fixture.model.enqueue(
      ...Array.from({ length: 200 }, () => (request: RecordedRequest) => answerModel(request)),
    );
  });

  after(async () => {
    await fixture?.close();
  });

  it("gets TypeScript's real diagnostic through mcp__ide__getDiagnostics", async () => {
    const path = join(fixture.workspace, 'broken.ts');
    const { page } = fixture;
    // The panel's webview holds the focus after start-up; the editor area takes it back.
    await page.locator('.part.editor').click();
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('broken.ts');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'broken.ts' }).waitFor();
    const lock = await readLock(fixture);
    assert.ok(
      lock.workspaceFolders.includes(realpathSync(fixture.workspace)),
      JSON.stringify(lock.workspaceFolders),
    );
    // TypeScript takes a while to start; wait for its diagnostic so the CLI's turn is deterministic.
    const probe = new Client({ name: 'e2e-probe', version: '1' });
    await probe.connect(
      new WebSocketClientTransport(`ws://127.0.0.1:${lock.port}`, {
        'X-Claude-Code-Ide-Authorization': lock.token,
      }),
    );
    await until(async () => {
      const answer = (await probe.callTool({
        name: 'getDiagnostics',
        arguments: { uri: `file://${path}` },
      })) as CallToolResult;
      return JSON.stringify(answer.content).includes('not assignable') ? true : undefined;
    }, 120_000);
    await probe.close();
    await fixture.screenshot('ide-01-type-error-open');

    const { result, tools, stdout } = await claudeCallsTool(fixture, {
      mcpConfig: {
        mcpServers: {
          ide: {
            type: 'ws',
            url: `ws://127.0.0.1:${lock.port}`,
            headers: { 'X-Claude-Code-Ide-Authorization': lock.token },
          },
        },
      },
      tool: 'mcp__ide__getDiagnostics',
      input: { uri: `file://${path}` },
    });
    assert.ok(tools.includes('mcp__ide__executeCode'), `the CLI offers the model: ${tools.join(', ')}`);
    assert.notEqual(result.is_error, true, JSON.stringify(result));
    const sent = JSON.stringify(result.content);
    assert.ok(sent.includes(typeError), sent);
    assert.ok(sent.includes(`file://${path}`), sent);
    assert.match(stdout, /The editor answered/);
  });

  it("reaches every editor tool on the HTTP endpoint through the variables of Tandem's terminals", async () => {
    const dump = join(fixture.workspace, '.tandem-env');
    await runInTerminal(fixture, `env | grep -E '^(TANDEM_MCP_|CLAUDE_CODE_SSE_PORT=)' > ${dump}`);
    const variables = await until(() => {
      const text = existsSync(dump) ? readFileSync(dump, 'utf8') : '';
      const entries = Object.fromEntries(
        text
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]),
      );
      return entries['TANDEM_MCP_TOKEN'] ? (entries as Record<string, string>) : undefined;
    }, 30_000);
    await fixture.screenshot('ide-02-terminal-environment');
    const lock = await readLock(fixture);
    assert.equal(
      variables['CLAUDE_CODE_SSE_PORT'],
      String(lock.port),
      'the terminal names the IDE port of the lock',
    );
    // What "Tandem: Copy MCP Server Config" copies for terminals of this window.
    const { result, tools } = await claudeCallsTool(fixture, {
      mcpConfig: {
        mcpServers: {
          tandem: {
            type: 'http',
            url: '${TANDEM_MCP_URL}',
            headers: { Authorization: 'Bearer ${TANDEM_MCP_TOKEN}' },
          },
        },
      },
      tool: 'mcp__tandem__getOpenEditors',
      input: {},
      env: {
        TANDEM_MCP_URL: variables['TANDEM_MCP_URL'] ?? '',
        TANDEM_MCP_TOKEN: variables['TANDEM_MCP_TOKEN'] ?? '',
      },
    });
    for (const tool of ['openDiff', 'getCurrentSelection', 'getOpenEditors', 'openFile', 'getDiagnostics']) {
      assert.ok(tools.includes(`mcp__tandem__${tool}`), `${tool} is offered: ${tools.join(', ')}`);
    }
    assert.notEqual(result.is_error, true, JSON.stringify(result));
    assert.match(JSON.stringify(result.content), /broken\.ts/, 'the open editor is listed');
  });

  it('auto-connects an interactive claude started with CLAUDE_CODE_SSE_PORT, and its Edit goes through our diff review', async function () {
    if (!commandExists('tmux')) throw new Error('tmux is needed to drive the interactive CLI');
    const path = join(fixture.workspace, 'greeting.ts');
    const lock = await readLock(fixture);
    let mainTurn = 0;
    answerModel = (request) => {
      if (!toolNames(request).includes('Edit')) return [{ text: 'ok' }];
      mainTurn += 1;
      if (mainTurn === 1) return [{ toolUse: { name: 'Read', input: { file_path: path } } }];
      if (mainTurn === 2) {
        return [
          {
            toolUse: {
              name: 'Edit',
              input: { file_path: path, old_string: '"hello"', new_string: '"hello, world"' },
            },
          },
        ];
      }
      return [{ text: 'Changed the greeting.' }];
    };
    const session = startInteractiveClaude(fixture, lock.port);
    try {
      // The CLI polls for IDEs for 30 s after start and connects to the lock our port names.
      await until(() => (tmuxScreen(session).includes('❯') ? true : undefined), 60_000);
      execFileSync('tmux', ['send-keys', '-t', session, 'Say hello to the world in greeting.ts', 'Enter']);
      const { page } = fixture;
      const tab = page.locator('.tabs-container .tab', { hasText: '[Claude Code] greeting.ts' });
      await tab.waitFor({ timeout: 60_000 });
      const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
      await modified.waitFor();
      await fixture.screenshot('ide-03-cli-edit-in-diff-editor');
      assert.equal(readFileSync(path, 'utf8'), greeting, 'nothing is written while the person reviews');
      await modified.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('export const greeting = "hello, person";');
      await page.locator('.editor-actions [aria-label^="Accept Proposed Edit"]').first().click();
      // The CLI writes what the person accepted, edits included.
      await until(() => (readFileSync(path, 'utf8').includes('hello, person') ? true : undefined), 30_000);
      await tab.waitFor({ state: 'detached' });
      await fixture.screenshot('ide-04-cli-edit-accepted');
      execFileSync('tmux', ['send-keys', '-t', session, '/ide', 'Enter']);
      await until(() => (/✔ Tandem/.test(tmuxScreen(session)) ? true : undefined), 15_000);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  });
});

function commandExists(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function tmuxScreen(session: string): string {
  return execFileSync('tmux', ['capture-pane', '-p', '-t', session]).toString();
}

/**
 * Starts the interactive CLI in a detached tmux session, in the workspace, as a terminal of this
 * window would: CLAUDE_CODE_SSE_PORT names our port and CLAUDE_CONFIG_DIR is where our lock is.
 * The CLI's first-run questions (theme, API key, folder trust) are answered in its config up front.
 */
function startInteractiveClaude(fixture: E2eFixture, port: number): string {
  const key = 'sk-ant-api03-e2e-dummy-key-0123456789abcdef';
  const cwd = realpathSync(fixture.workspace);
  const configPath = join(fixture.claudeConfigDir, '.claude.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      hasCompletedOnboarding: true,
      theme: 'dark',
      customApiKeyResponses: { approved: [key.slice(-20)], rejected: [] },
      projects: { [cwd]: { hasTrustDialogAccepted: true, allowedTools: [] } },
    }),
  );
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: fixture.claudeConfigDir,
    TERM: 'xterm-256color',
    CLAUDE_CONFIG_DIR: fixture.claudeConfigDir,
    CLAUDE_CODE_SSE_PORT: String(port),
    ANTHROPIC_BASE_URL: fixture.model.url,
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  };
  const session = `tandem-e2e-${process.pid}`;
  execFileSync('tmux', [
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '160',
    '-y',
    '45',
    '-c',
    cwd,
    'env',
    '-i',
    ...Object.entries(env).map(([name, value]) => `${name}=${value}`),
    claudeBin,
    // Edits ask first, which is when the CLI opens them in the IDE.
    '--permission-mode',
    'default',
  ]);
  return session;
}
