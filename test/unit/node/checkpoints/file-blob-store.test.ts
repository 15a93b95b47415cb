import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '../../../../src/node/checkpoints/file-blob-store';
import { JsonlCheckpointJournal } from '../../../../src/node/checkpoints/jsonl-checkpoint-journal';

describe('checkpoint blobs and journal on disk', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tandem-blobs-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('stores exact bytes once under their SHA-256, compressed, and reads them back', async () => {
    const store = new FileBlobStore(join(folder, 'blobs'));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('line\r\n'.repeat(500)), 0x00, 0xff]);
    const hash = await store.put(bytes);
    assert.equal(hash, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(await store.put(bytes), hash);
    assert.deepEqual(await store.get(hash), bytes);
    const [listed] = await store.list();
    assert.equal(listed?.hash, hash);
    assert.equal(listed?.size, statSync(store.pathOf(hash)).size);
    assert.ok((listed?.size ?? Infinity) < bytes.byteLength / 10);
    assert.equal(store.bytesWritten, listed?.size);
    assert.deepEqual(readdirSync(join(folder, 'blobs', hash.slice(0, 2))), [hash]);
  });

  it('reads a damaged blob as missing rather than as wrong content', async () => {
    const store = new FileBlobStore(join(folder, 'blobs'));
    const hash = await store.put(new TextEncoder().encode('original'));
    writeFileSync(store.pathOf(hash), 'tampered');
    assert.equal(await store.get(hash), undefined);
    assert.equal(await store.get('not-a-hash'), undefined);
  });

  it('reads back a journal in order, skipping a torn last line', async () => {
    const journal = new JsonlCheckpointJournal(join(folder, 'journals', 's.jsonl'));
    await Promise.all([
      journal.append({ type: 'turn', id: 1, at: 1, label: 'one' }),
      journal.append({ type: 'turn-end', id: 1, at: 2, files: [], scanComplete: true }),
    ]);
    writeFileSync(journal.path, '{"type":"turn","id":2,', { flag: 'a' });
    const contents = await journal.read();
    assert.deepEqual(
      contents.records.map((record) => record.type),
      ['turn', 'turn-end'],
    );
    assert.equal(contents.skippedLines, 1);
  });
});
