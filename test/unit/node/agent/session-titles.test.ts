import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/ports';
import type { NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import type { TitleChange } from '../../../../src/node/session/jsonl-transcript-store';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import type { RecordedRequest } from '../../../support/scripted-turn';

describe('session titles from the small model (createNodeAgent with titles)', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let folder: string;
  let store: JsonlTranscriptStore;
  let session: NodeAgentSession | undefined;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-titles-')));
    mkdirSync(join(folder, 'home'));
    store = new JsonlTranscriptStore(join(folder, 'sessions'), silentLogger);
  });
  afterEach(async () => {
    await session?.dispose();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function create(resume?: string): Promise<NodeAgentSession> {
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
      smallModel: 'claude-haiku-4-5',
      titles: true,
      sessions: store,
      approver: { ask: async () => ({ kind: 'deny' }) },
      ...(resume ? { resume } : {}),
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    session = created.session;
    return created.session;
  }

  const answering = (main: string, small: string) => (request: RecordedRequest) => {
    const model = (request.body as { model: string }).model;
    return [{ text: model === 'claude-haiku-4-5' ? small : main }];
  };

  it('titles the session after the first exchange, shows it in the history and announces it', async () => {
    const changes: TitleChange[] = [];
    store.onDidChangeTitle((change) => changes.push(change));
    server.enqueue(answering('The cookie expires after 60 s.', 'x'), answering('x', 'Login cookie expiry'));
    const created = await create();
    for await (const _event of created.agent.submit(
      'why are people logged out?',
      new AbortController().signal,
    ));
    await waitFor(() => changes.length > 0);
    assert.deepEqual(changes, [
      { sessionId: created.sessionId, title: 'Login cookie expiry', source: 'model' },
    ]);
    assert.equal(store.summary(created.sessionId)?.title, 'Login cookie expiry');
    const small = server.modelRequests.find(
      (request) => (request.body as { model: string }).model === 'claude-haiku-4-5',
    );
    assert.deepEqual((small?.body as { tools?: unknown[] }).tools ?? [], [], 'a title call offers no tools');
  });

  it('leaves a title the person gave alone when a resumed session changes topic', async () => {
    server.enqueue(answering('The cookie expires.', 'x'), answering('x', 'Login cookie expiry'));
    const first = await create();
    for await (const _event of first.agent.submit(
      'why are people logged out?',
      new AbortController().signal,
    ));
    await waitFor(() => store.summary(first.sessionId)?.title === 'Login cookie expiry');
    await first.dispose();
    store.rename(first.sessionId, 'Auth notes');
    server.enqueue(answering('Added.', '{"isNewTopic": true, "title": "Dark mode"}'));
    const resumed = await create(first.sessionId);
    for await (const _event of resumed.agent.submit(
      'now add a dark mode toggle please',
      new AbortController().signal,
    ));
    assert.equal(store.summary(first.sessionId)?.title, 'Auth notes');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
