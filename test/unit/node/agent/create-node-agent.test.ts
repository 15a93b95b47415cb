import { strict as assert } from 'node:assert';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { CheckpointStorage } from '../../../../src/node/checkpoints/checkpoint-storage';
import { executeRestore } from '../../../../src/core/checkpoints/restore-executor';
import { NodeWorkspace } from '../../../../src/node/workspace/node-workspace';
import { silentLogger } from '../../../../src/core/ports';
import { bashTool } from '../../../../src/core/tools/bash/bash-tool';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import { createToolContext } from '../../../support/tool-context';

describe('createNodeAgent (settings, memory, hooks wired into one session)', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let folder: string;
  let session: NodeAgentSession | undefined;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-compose-')));
    mkdirSync(join(folder, '.claude'));
    mkdirSync(join(folder, 'home'));
  });
  afterEach(async () => {
    await session?.dispose();
    session = undefined;
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function create(
    extra: Partial<Parameters<typeof createNodeAgent>[0]> = {},
  ): Promise<NodeAgentSession> {
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
      approver: { ask: async () => ({ kind: 'deny' }) },
      ...extra,
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    session = created.session;
    return created.session;
  }

  async function drain(agent: NodeAgentSession['agent'], prompt: string): Promise<string[]> {
    const types: string[] = [];
    for await (const event of agent.submit(prompt, new AbortController().signal)) types.push(event.type);
    return types;
  }

  it("sends CLAUDE.md memory and a UserPromptSubmit hook's context, and does not offer a denied tool", async () => {
    writeFileSync(join(folder, 'CLAUDE.md'), 'Always answer in haiku.\n');
    const hook = join(folder, 'context-hook.sh');
    writeFileSync(hook, '#!/bin/sh\necho "the build is red on main"\n');
    chmodSync(hook, 0o755);
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify({
        permissions: { deny: ['WebFetch'] },
        hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: hook }] }] },
      }),
    );
    const { agent, tools } = await create();
    assert.ok(!tools.some((tool) => tool.name === 'WebFetch'));
    server.enqueue({ blocks: [{ text: 'ok' }] });
    await drain(agent, 'status?');
    const body = JSON.stringify(server.modelRequests[0]?.body);
    assert.match(body, /Always answer in haiku\./);
    assert.match(body, /<system-reminder>[^<]*the build is red on main/);
    assert.ok(!body.includes('"name":"WebFetch"'));
  });

  it('blocks the prompt when a UserPromptSubmit hook exits 2, and nothing reaches the model', async () => {
    const hook = join(folder, 'block-hook.sh');
    writeFileSync(hook, '#!/bin/sh\necho "no secrets in prompts" >&2\nexit 2\n');
    chmodSync(hook, 0o755);
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: hook }] }] } }),
    );
    const { agent } = await create();
    const types = await drain(agent, 'my password is hunter2');
    assert.ok(types.includes('prompt-block'));
    assert.equal(server.modelRequests.length, 0);
  });

  it("keeps going when a Stop hook blocks, with the hook's reason, once", async () => {
    const hook = join(folder, 'stop-hook.sh');
    const marker = join(folder, 'stopped-once');
    writeFileSync(
      hook,
      `#!/bin/sh\nif [ -f ${marker} ]; then exit 0; fi\ntouch ${marker}\necho "run the tests first" >&2\nexit 2\n`,
    );
    chmodSync(hook, 0o755);
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: hook }] }] } }),
    );
    const { agent } = await create();
    server.enqueue({ blocks: [{ text: 'done already' }] }, { blocks: [{ text: 'tests pass now' }] });
    await drain(agent, 'fix it');
    assert.equal(server.modelRequests.length, 2);
    assert.match(JSON.stringify(server.modelRequests[1]?.body), /run the tests first/);
  });

  it('tells PreCompact hooks what triggered the compaction: reactive, then manual', async () => {
    const seen = join(folder, 'pre-compact.jsonl');
    const hook = join(folder, 'pre-compact-hook.sh');
    writeFileSync(hook, `#!/bin/sh\ncat >> ${seen}\necho >> ${seen}\n`);
    chmodSync(hook, 0o755);
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify({ hooks: { PreCompact: [{ hooks: [{ type: 'command', command: hook }] }] } }),
    );
    const { agent } = await create();
    server.enqueue(
      { fault: 'http', status: 400 },
      { blocks: [{ text: 'Summary: the person said hello.' }] },
      { blocks: [{ text: 'Hello again.' }] },
      { blocks: [{ text: 'Summary: greetings.' }] },
    );
    await drain(agent, 'hello');
    await agent.compact({ signal: new AbortController().signal, instructions: 'keep it short' });
    const inputs = readFileSync(seen, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { trigger: string; custom_instructions: string });
    assert.deepEqual(
      inputs.map((input) => [input.trigger, input.custom_instructions]),
      [
        ['reactive', ''],
        ['manual', 'keep it short'],
      ],
    );
    assert.match(JSON.stringify(agent.contextMessages), /Summary: greetings\./);
  });

  it('reloads permission rules when a settings file changes', async () => {
    const { engine } = await create({ watchSettings: true, allowedTools: ['Bash(echo:*)'] });
    const context = createToolContext({ cwd: folder, shellState: { cwd: folder } });
    const input = { command: 'echo hi' };
    assert.equal((await engine.decide(bashTool, input, context)).behavior, 'allow');
    writeFileSync(
      join(folder, '.claude', 'settings.local.json'),
      JSON.stringify({ permissions: { deny: ['Bash(echo:*)'] } }),
    );
    // The watcher reloads after a quiet period; the test's own timeout bounds the wait.
    while ((await engine.decide(bashTool, input, context)).behavior !== 'deny')
      await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('runs a Task sub-agent on the configured provider and returns its report to the main loop', async () => {
    const { agent, tools } = await create({
      subagentModel: 'openai:gpt-5-mini',
      env: {
        ANTHROPIC_BASE_URL: server.url,
        ANTHROPIC_API_KEY: 'k',
        OPENAI_BASE_URL: `${server.url}/v1`,
        OPENAI_API_KEY: 'k',
        TANDEM_HOME: join(folder, 'tandem'),
      },
    });
    assert.ok(tools.some((tool) => tool.name === 'Task'));
    server.enqueue(
      {
        blocks: [
          {
            toolUse: {
              name: 'Task',
              input: { description: 'find the parser', prompt: 'Where is the parser?' },
            },
          },
        ],
      },
      { blocks: [{ text: 'The parser is in src/parse.ts:12.' }] },
      { blocks: [{ text: 'It is in src/parse.ts.' }] },
    );
    await drain(agent, 'where is the parser?');
    const [main, sub, mainAgain] = server.modelRequests;
    assert.equal(main?.path, '/v1/messages');
    assert.equal(sub?.path, '/v1/chat/completions');
    const subBody = sub?.body as {
      model: string;
      tools: { function: { name: string } }[];
      messages: unknown[];
    };
    assert.equal(subBody.model, 'gpt-5-mini');
    const subTools = subBody.tools.map((tool) => tool.function.name);
    assert.ok(!subTools.includes('Task') && !subTools.includes('TodoWrite') && subTools.includes('Read'));
    assert.match(JSON.stringify(subBody.messages), /you are a sub-agent/i);
    assert.match(JSON.stringify(mainAgain?.body), /The parser is in src\/parse.ts:12\./);
  });

  it('logs a permission rule that does not parse with its file and position, and enforces the rest', async () => {
    const settingsFile = join(folder, '.claude', 'settings.json');
    writeFileSync(
      settingsFile,
      JSON.stringify({ permissions: { deny: ['Read(**/*.{csv,tsv)', 'Read(**/*.{csv,tsv})'] } }),
    );
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const { engine } = await create({ logger });
    assert.ok(
      warnings.some((line) => line.includes(settingsFile) && line.includes('permissions.deny[0]')),
      warnings.join('\n'),
    );
    const context = createToolContext({ cwd: folder });
    const decision = await engine.decide(readTool, { file_path: join(folder, 'data', 'x.tsv') }, context);
    assert.equal(decision.behavior, 'deny');
  });

  it('refuses to resume a session that does not exist', async () => {
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: { ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
      approver: { ask: async () => ({ kind: 'deny' }) },
      resume: 'no-such-session',
    });
    assert.equal(created.ok, false);
    assert.match(created.ok ? '' : created.message, /No saved session/);
  });

  it('takes a checkpoint around every turn, including the files a Bash command named, and marks the transcript', async () => {
    writeFileSync(join(folder, 'a.txt'), 'a0\n');
    writeFileSync(join(folder, 'b.txt'), 'b0\n');
    const storage = new CheckpointStorage({
      directory: join(folder, 'tandem', 'checkpoints'),
      maxBytes: 1e9,
      logger: silentLogger,
    });
    const { agent, sessionId, transcriptPath } = await create({
      checkpoints: storage,
      permissionMode: 'bypassPermissions',
    });
    server.enqueue(
      {
        blocks: [
          { toolUse: { name: 'Write', input: { file_path: join(folder, 'a.txt'), content: 'a1\n' } } },
        ],
      },
      { blocks: [{ toolUse: { name: 'Bash', input: { command: "sed -i 's/0/1/' b.txt" } } }] },
      { blocks: [{ text: 'done' }] },
    );
    const events = await drain(agent, 'change a and b');
    assert.equal(events[0], 'checkpoint-create');
    await session?.dispose();
    session = undefined;
    assert.equal(readFileSync(join(folder, 'b.txt'), 'utf8'), 'b1\n');
    const lines = readFileSync(transcriptPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    const marker = lines.findIndex((line) => line.type === 'checkpoint');
    assert.equal(lines[marker + 1]?.type, 'message');
    const checkpoints = await storage.session(sessionId);
    const planned = await checkpoints.planRestore(new NodeWorkspace([folder]), 1);
    assert.ok(planned.ok);
    await executeRestore({
      session: checkpoints,
      plan: planned.plan,
      overwrite: new Set(),
      workspace: new NodeWorkspace([folder]),
      now: Date.now,
    });
    assert.equal(readFileSync(join(folder, 'a.txt'), 'utf8'), 'a0\n');
    assert.equal(readFileSync(join(folder, 'b.txt'), 'utf8'), 'b0\n');
  });
});
