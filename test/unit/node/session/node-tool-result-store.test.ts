import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NodeToolResultStore,
  toolResultsDirectory,
} from '../../../../src/node/session/node-tool-result-store';

describe('NodeToolResultStore (the disk)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'tandem-results-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("saves a result under the session's folder, private to the user, named after the call", async () => {
    const store = new NodeToolResultStore(toolResultsDirectory(join(folder, 'sessions'), 'session-1'));
    const saved = await store.save({ toolUseId: 'toolu_01AbC', text: 'all of it\n' });
    assert.deepEqual(saved, {
      ok: true,
      path: join(folder, 'sessions', 'session-1', 'tool-results', 'toolu_01AbC.txt'),
    });
    assert.ok(saved.ok);
    assert.equal(readFileSync(saved.path, 'utf8'), 'all of it\n');
    assert.equal(statSync(saved.path).mode & 0o777, 0o600);
    assert.equal(statSync(store.directory).mode & 0o777, 0o700);
  });

  it('keeps a strange id inside its folder', async () => {
    const store = new NodeToolResultStore(join(folder, 'results'));
    const saved = await store.save({ toolUseId: '../../escape', text: 'x' });
    assert.ok(saved.ok);
    assert.equal(saved.path, join(folder, 'results', '______escape.txt'));
  });

  it('reports a failed write instead of throwing', async () => {
    writeFileSync(join(folder, 'a-file'), '');
    const saved = await new NodeToolResultStore(join(folder, 'a-file', 'results')).save({
      toolUseId: 't',
      text: 'x',
    });
    assert.equal(saved.ok, false);
  });
});
