import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { cliPath, runCli } from '../../support/run-cli';

describe('tandem sessions (built bundle)', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let folder: string;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    server = new ScriptedModelServer();
    const { url } = await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-sessions-')));
    env = {
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'test-key',
      TANDEM_HOME: join(folder, '.tandem-home'),
    };
  });

  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const cli = (args: string[]) => runCli(args, { cwd: folder, env });

  it('lists, renames, shows, finds, continues and deletes this project’s sessions', async () => {
    server.enqueue({ blocks: [{ text: 'The cache key ignores the locale.' }] });
    const first = await cli(['-p', 'why is the cache stale?', '--output-format', 'json']);
    assert.equal(first.code, 0, first.stderr);
    const id = (JSON.parse(first.stdout) as { session_id: string }).session_id;

    const listed = JSON.parse((await cli(['sessions', 'list', '--json'])).stdout) as {
      session_id: string;
      title: string;
    }[];
    assert.deepEqual(
      listed.map((row) => [row.session_id, row.title]),
      [[id, 'why is the cache stale?']],
    );

    assert.equal((await cli(['sessions', 'rename', id, 'Stale', 'cache'])).code, 0);
    assert.match((await cli(['sessions'])).stdout, new RegExp(`${id}  .*  Stale cache`));
    assert.match(
      (await cli(['sessions', 'show', id])).stdout,
      /^# Stale cache\n[\s\S]*## Tandem\n\nThe cache key ignores the locale\./,
    );
    assert.match((await cli(['sessions', 'search', 'LOCALE'])).stdout, /The cache key ignores the locale/);

    server.enqueue({ blocks: [{ text: 'Fixed.' }] });
    const next = await cli(['-c', '-p', 'fix it', '--output-format', 'json']);
    assert.equal(next.code, 0, next.stderr);
    assert.equal(
      (JSON.parse(next.stdout) as { session_id: string }).session_id,
      id,
      '--continue takes the newest',
    );
    assert.match(JSON.stringify(server.modelRequests.at(-1)?.body), /ignores the locale/);

    assert.equal((await cli(['sessions', 'delete', id])).code, 0);
    assert.match((await cli(['sessions'])).stdout, /No saved sessions in this project/);
    const missing = await cli(['sessions', 'show', id]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no saved session/);
  });

  it('says so when there is nothing to continue, and rejects an unknown action', async () => {
    const none = await cli(['--continue', '-p', 'hello']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no saved session yet/);
    const unknown = await cli(['sessions', 'frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown action/);
  });
});
