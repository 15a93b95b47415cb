import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ApprovalRequest } from '../../../../src/core/ports';
import { restoreSession } from '../../../../src/core/session/restore-session';
import type { NodeAgentSession } from '../../../../src/node/agent/create-node-agent';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { ScriptedModelServer } from '../../../support/scripted-model-server';
import { comparableMessages } from '../../../support/wire-requests';

describe('a compacted session on disk (createNodeAgent)', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let folder: string;
  let asked: ApprovalRequest[];
  const sessions: NodeAgentSession[] = [];

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-compacted-')));
    asked = [];
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.dispose();
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
      approver: {
        ask: async (request) => {
          asked.push(request);
          return { kind: 'deny' };
        },
      },
      ...extra,
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    sessions.push(created.session);
    return created.session;
  }

  async function drain(session: NodeAgentSession, prompt: string): Promise<void> {
    for await (const event of session.agent.submit(prompt, new AbortController().signal)) void event;
  }

  it('resumes with the compacted view — the summary and what followed — while the transcript keeps everything', async () => {
    const first = await create();
    server.enqueue(
      [{ text: 'The parser lives in src/parse.ts.' }],
      [{ text: '## Goal\nFind the parser. It lives in src/parse.ts.' }],
      [{ text: 'Renamed it.' }],
    );
    await drain(first, 'where is the parser?');
    const compacted = await first.agent.compact({ signal: new AbortController().signal });
    assert.ok(compacted.ok);
    await drain(first, 'rename it');
    await first.dispose();

    const resumed = await create({ resume: first.sessionId });
    assert.equal(resumed.agent.messages.length, 4, 'the whole history came back for the panel');
    server.enqueue([{ text: 'Yes, renamed.' }]);
    await drain(resumed, 'done?');
    const sent = comparableMessages(server.modelRequests.at(-1)!);
    assert.equal(
      sent.length,
      3,
      'summary with the turn after it (one user turn), its answer, the new prompt',
    );
    assert.match(sent[0]!, /<summary>\\n## Goal\\nFind the parser.*rename it/);
    assert.ok(
      !sent.some((message) => message.includes('where is the parser?')),
      'the covered turns are not sent again',
    );

    const saved = restoreSession(readFileSync(first.transcriptPath, 'utf8').split('\n'));
    assert.equal(saved.messages.length, 6, 'every message is still in the transcript');
    assert.equal(saved.context.compaction?.trigger, 'manual');
  });

  it('saves a long shell output in the session folder, where Read opens it without asking', async () => {
    const session = await create({ allowedTools: ['Bash'] });
    // Beside the session's transcript, in this project's sessions folder.
    const directory = join(dirname(session.transcriptPath), session.sessionId, 'tool-results');
    let savedPath = '';
    server.enqueue(
      { blocks: [{ toolUse: { id: 'toolu_seq', name: 'Bash', input: { command: 'seq 1 20000' } } }] },
      (request) => {
        savedPath = /the output is saved in (\S+) …/.exec(JSON.stringify(request.body))?.[1] ?? '';
        return {
          blocks: [{ toolUse: { name: 'Read', input: { file_path: savedPath, offset: 10_000, limit: 2 } } }],
        };
      },
      {
        blocks: [
          { toolUse: { name: 'Write', input: { file_path: join(directory, 'x.txt'), content: 'x' } } },
        ],
      },
      [{ text: 'done' }],
    );
    await drain(session, 'count to 20000');
    assert.equal(savedPath, join(directory, 'toolu_seq.txt'));
    assert.ok(existsSync(savedPath));
    const read = JSON.stringify(server.modelRequests[2]?.body);
    assert.match(read, /10000\\t10000\\n\s*10001\\t10001/, 'Read showed the lines the cut left out');
    assert.equal(asked.length, 1, 'reading the saved output asked nothing');
    assert.match(JSON.stringify(asked[0]), /x\.txt/, 'writing there asks');
  });
});
