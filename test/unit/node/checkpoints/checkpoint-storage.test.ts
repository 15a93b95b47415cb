import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/ports';
import { CheckpointStorage } from '../../../../src/node/checkpoints/checkpoint-storage';

describe('checkpoint storage limit', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tandem-store-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Records `count` finished turns in `sessionId`, each keeping a distinct blob of about 1,000 bytes on disk (random bytes do not compress). */
  async function turns(storage: CheckpointStorage, sessionId: string, count: number, at: number) {
    const session = await storage.session(sessionId);
    for (let index = 0; index < count; index += 1) {
      const bytes = randomBytes(1_000);
      const hash = await storage.blobs.put(bytes);
      const id = session.allocateId();
      await session.append({ type: 'turn', id, at: at + index, label: `t${index}` });
      await session.append({
        type: 'turn-end',
        id,
        at: at + index,
        files: [
          { path: `/w/${index}`, before: { kind: 'bytes', hash, size: 1_000 }, after: { kind: 'absent' } },
        ],
        scanComplete: true,
      });
    }
  }

  function ageBlobs(storage: CheckpointStorage, hashes: string[]) {
    for (const hash of hashes) utimesSync(storage.blobs.pathOf(hash), new Date(0), new Date(0));
  }

  it('prunes the oldest turns first and deletes the blobs they alone kept', async () => {
    const storage = new CheckpointStorage({ directory: folder, maxBytes: 2_500, logger: silentLogger });
    await turns(storage, 'a', 3, 0);
    await turns(storage, 'b', 2, 100);
    ageBlobs(
      storage,
      (await storage.blobs.list()).map((blob) => blob.hash),
    );
    const report = await storage.enforceLimit({ force: true });
    assert.equal(report.checked, true);
    assert.deepEqual(report.prunes, [
      { sessionId: 'a', before: 3 },
      { sessionId: 'b', before: 2 },
    ]);
    const left = await storage.blobs.list();
    assert.equal(left.length, 2);
    assert.equal(report.keptBytes, (left[0]?.size ?? 0) + (left[1]?.size ?? 0));
    assert.ok(report.keptBytes <= 2_500);
    const timeline = await (await storage.session('a')).timeline();
    assert.deepEqual(
      timeline.steps.map((step) => step.id),
      [3],
    );
  });

  it('rewrites the journal of a session not open here, keeping its id sequence', async () => {
    const writer = new CheckpointStorage({ directory: folder, maxBytes: 1_500, logger: silentLogger });
    await turns(writer, 'a', 3, 0);
    const storage = new CheckpointStorage({ directory: folder, maxBytes: 1_500, logger: silentLogger });
    ageBlobs(
      storage,
      (await storage.blobs.list()).map((blob) => blob.hash),
    );
    await storage.enforceLimit({ force: true });
    const lines = readFileSync(storage.journalPath('a'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /"type":"prune","before":3/);
    assert.equal((await storage.session('a')).allocateId(), 4);
  });

  it('does not look at the disk while the bytes written stay under the limit', async () => {
    const storage = new CheckpointStorage({ directory: folder, maxBytes: 10_000, logger: silentLogger });
    await turns(storage, 'a', 1, 0);
    await storage.enforceLimit({ force: true });
    await turns(storage, 'a', 1, 10);
    assert.equal((await storage.enforceLimit()).checked, false);
    await turns(storage, 'a', 9, 20);
    assert.equal((await storage.enforceLimit()).checked, true);
  });
});
