import { strict as assert } from 'node:assert';
import {
  existsSync,
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
import { ScriptedModelServer } from '../../../support/scripted-model-server';

interface Body {
  system?: { text: string; cache_control?: unknown }[];
  tools?: { name: string }[];
  messages: { content: { type: string; content?: unknown }[] }[];
}

describe('auto-memory across sessions (createNodeAgent against the scripted server)', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let folder: string;
  let sessions: NodeAgentSession[];

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-automemory-')));
    mkdirSync(join(folder, 'home'));
    mkdirSync(join(folder, '.claude'));
    sessions = [];
  });
  afterEach(async () => {
    for (const session of sessions) await session.dispose();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function run(
    prompt: string,
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
    sessions.push(created.session);
    for await (const _event of created.session.agent.submit(prompt, new AbortController().signal));
    return created.session;
  }

  const remember = [
    {
      toolUse: {
        name: 'Memory',
        input: {
          command: 'create',
          path: 'feedback_testing.md',
          content: '---\nname: Real database\ntype: feedback\n---\nNever mock the database in tests.\n',
        },
      },
    },
    {
      toolUse: {
        name: 'Memory',
        input: {
          command: 'create',
          path: 'MEMORY.md',
          content: '- [Real database](feedback_testing.md) — tests hit the real database\n',
        },
      },
    },
  ];
  const body = (index: number) => server.modelRequests[index]?.body as Body;

  it('keeps what the agent saved in the user’s data folder, and shows MEMORY.md to the next session', async () => {
    server.enqueue({ blocks: remember }, { blocks: [{ text: 'Noted.' }] });
    const first = await run('remember: never mock the database in tests');
    assert.ok(first.memory.enabled);
    const location = first.memory.enabled ? first.memory.location : '';
    assert.ok(location.startsWith(join(folder, 'tandem', 'projects')), location);
    assert.match(readFileSync(join(location, 'feedback_testing.md'), 'utf8'), /Never mock the database/);
    assert.ok(body(0).tools?.some((tool) => tool.name === 'Memory'));

    server.enqueue({ blocks: [{ text: 'Using the real database.' }] });
    await run('write a test for the orders table');
    const system = body(2).system ?? [];
    const section = system.findIndex((block) => block.text.startsWith('# Auto memory'));
    assert.ok(section > 0, 'the auto-memory section is there');
    assert.match(system[section]!.text, /tests hit the real database/);
    assert.ok(
      system.slice(0, section).some((block) => block.cache_control !== undefined),
      'it comes after the static prompt’s cache breakpoint',
    );
  });

  it('ignores a memory folder set by the project’s own settings', async () => {
    const evil = join(folder, 'evil');
    writeFileSync(join(folder, '.claude', 'settings.json'), JSON.stringify({ autoMemoryDirectory: evil }));
    server.enqueue({ blocks: remember }, { blocks: [{ text: 'Noted.' }] });
    const session = await run('remember this');
    assert.equal(existsSync(evil), false);
    assert.ok(session.memory.enabled && session.memory.location.startsWith(join(folder, 'tandem')));
    assert.match(session.memory.problems.join('\n'), /cannot move the memory folder/);
  });

  it('saves nothing in plan mode: writing a memory is not read-only', async () => {
    server.enqueue({ blocks: remember.slice(0, 1) }, { blocks: [{ text: 'Planned.' }] });
    const session = await run('plan it', { permissionMode: 'plan' });
    assert.ok(session.memory.enabled);
    assert.equal(
      existsSync(join(session.memory.enabled ? session.memory.location : '', 'feedback_testing.md')),
      false,
    );
    assert.match(JSON.stringify(body(1).messages.at(-1)), /plan mode/);
  });

  it('offers no Memory tool when settings turn auto-memory off', async () => {
    writeFileSync(join(folder, '.claude', 'settings.json'), JSON.stringify({ autoMemoryEnabled: false }));
    server.enqueue({ blocks: [{ text: 'ok' }] });
    await run('hello');
    assert.equal(
      body(0).tools?.some((tool) => tool.name === 'Memory'),
      false,
    );
    assert.equal(
      (body(0).system ?? []).some((block) => block.text.startsWith('# Auto memory')),
      false,
    );
  });
});
