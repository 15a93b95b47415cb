import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/ports';
import { ChatSnapshotStore } from '../../../../src/host/chat/chat-snapshot-store';
import { chatHarness, gate } from './chat-harness';

describe('ChatSnapshotStore (what a restarted extension host finds)', () => {
  it('has a message queued during a turn on disk before the person is told it is queued', async () => {
    const release = gate();
    const host = chatHarness(async function* () {
      await release.wait;
      return 'completed';
    });
    await host.service.sendAll();
    await host.service.send({ id: 'm1', text: 'first', attachments: [] });
    const outcome = await host.service.send({ id: 'm2', text: 'typed during the turn', attachments: [] });
    assert.equal(outcome.disposition, 'queued');
    // Read back by another store, as the next extension host would after a kill right now.
    const saved = new ChatSnapshotStore(host.directory, silentLogger).load(host.service.activeChatId ?? '');
    assert.deepEqual(
      saved?.chat.queue.map((queued) => queued.text),
      ['typed during the turn'],
    );
    assert.equal(saved?.chat.busy, true);
    assert.equal(saved?.chat.entries[0]?.kind === 'user' && saved.chat.entries[0].text, 'first');
    release.open();
  });

  it('ignores a snapshot it cannot read, and an id that is not a chat id', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-snapshots-'));
    writeFileSync(join(directory, 'broken.panel.json'), '{"version":1,"chat":');
    const store = new ChatSnapshotStore(directory, silentLogger);
    assert.equal(store.load('broken'), undefined);
    assert.equal(store.load('../etc/passwd'), undefined);
  });
});
