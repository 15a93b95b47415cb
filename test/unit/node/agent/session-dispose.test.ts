import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeAgent } from '../../../../src/node/agent/create-node-agent';
import { NodeShell } from '../../../../src/node/shell/node-shell';
import { ScriptedModelServer } from '../../../support/scripted-model-server';

describe('disposing a Node agent session', function () {
  this.timeout(20_000);
  let server: ScriptedModelServer;
  let folder: string;

  beforeEach(async () => {
    server = new ScriptedModelServer();
    await server.start();
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-dispose-')));
    mkdirSync(join(folder, 'home'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('ends the background processes of the shell it was given', async () => {
    const shell = new NodeShell({ killGraceMs: 200 });
    const created = await createNodeAgent({
      cwd: folder,
      homeDir: join(folder, 'home'),
      env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k', TANDEM_HOME: join(folder, 'tandem') },
      approver: { ask: async () => ({ kind: 'deny' }) },
      overrides: { shell },
    });
    assert.ok(created.ok, created.ok ? '' : created.message);
    const watcher = shell.startBackground({ command: 'sleep 30', cwd: folder });
    const devServer = shell.startBackground({ command: 'sleep 30 & wait', cwd: folder });
    assert.equal(watcher.status().running, true);
    await created.session.dispose();
    assert.equal(watcher.status().running, false);
    assert.equal(devServer.status().running, false);
  });
});
