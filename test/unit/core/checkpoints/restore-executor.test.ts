import { strict as assert } from 'node:assert';
import { executeRestore } from '../../../../src/core/checkpoints/restore-executor';
import type { CheckpointHarness } from '../../../support/memory-checkpoints';
import { checkpointHarness, encode } from '../../../support/memory-checkpoints';

async function editTurn(harness: CheckpointHarness, edits: Record<string, string>): Promise<number> {
  const id = await harness.recorder.beginTurn('edit');
  assert.ok(id !== undefined);
  for (const [path, text] of Object.entries(edits)) await harness.workspace.writeFile(path, encode(text));
  await harness.recorder.endTurn();
  return id;
}

async function planFor(harness: CheckpointHarness, id: number) {
  const result = await harness.session.planRestore(harness.files, id);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

describe('restore executor', () => {
  it('skips a file the person changed after the checkpoint unless they confirm it', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a0', '/work/b.txt': 'b0' });
    const id = await editTurn(harness, { '/work/a.txt': 'a1', '/work/b.txt': 'b1' });
    harness.files.put('/work/b.txt', 'b1 and my own work');
    const plan = await planFor(harness, id);
    assert.deepEqual(
      plan.entries.map((entry) => [entry.path, entry.conflict?.kind]),
      [
        ['/work/a.txt', undefined],
        ['/work/b.txt', 'changed-after'],
      ],
    );
    const outcome = await executeRestore({
      session: harness.session,
      plan,
      overwrite: new Set(),
      workspace: harness.files,
      now: () => 1,
    });
    assert.deepEqual(
      outcome.files.map((file) => [file.path, file.kind]),
      [
        ['/work/a.txt', 'restored'],
        ['/work/b.txt', 'skipped'],
      ],
    );
    assert.equal(harness.files.text('/work/a.txt'), 'a0');
    assert.equal(harness.files.text('/work/b.txt'), 'b1 and my own work');
  });

  it('overwrites a confirmed conflict and keeps what it overwrote, so the restore can be undone', async () => {
    const harness = await checkpointHarness({ '/work/b.txt': 'b0' });
    const id = await editTurn(harness, { '/work/b.txt': 'b1' });
    harness.files.put('/work/b.txt', 'my own work');
    const outcome = await executeRestore({
      session: harness.session,
      plan: await planFor(harness, id),
      overwrite: new Set(['/work/b.txt']),
      workspace: harness.files,
      now: () => 1,
    });
    assert.equal(harness.files.text('/work/b.txt'), 'b0');
    assert.ok(outcome.stepId !== undefined);
    const undo = await executeRestore({
      session: harness.session,
      plan: await planFor(harness, outcome.stepId),
      overwrite: new Set(),
      workspace: harness.files,
      now: () => 2,
    });
    assert.equal(undo.files[0]?.kind, 'restored');
    assert.equal(harness.files.text('/work/b.txt'), 'my own work');
  });

  it('skips a file that changed after the plan was shown, even when it was confirmed', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a0' });
    const id = await editTurn(harness, { '/work/a.txt': 'a1' });
    const plan = await planFor(harness, id);
    harness.files.put('/work/a.txt', 'typed while the plan was open');
    const outcome = await executeRestore({
      session: harness.session,
      plan,
      overwrite: new Set(['/work/a.txt']),
      workspace: harness.files,
      now: () => 1,
    });
    assert.deepEqual(outcome.files, [{ path: '/work/a.txt', kind: 'skipped', reason: 'changed-since-plan' }]);
    assert.equal(harness.files.text('/work/a.txt'), 'typed while the plan was open');
    assert.equal(outcome.stepId, undefined);
  });

  it('reports a missing blob as a failure and leaves the file alone', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a0' });
    const id = await editTurn(harness, { '/work/a.txt': 'a1' });
    harness.blobs.blobs.clear();
    const outcome = await executeRestore({
      session: harness.session,
      plan: await planFor(harness, id),
      overwrite: new Set(),
      workspace: harness.files,
      now: () => 1,
    });
    assert.equal(outcome.files[0]?.kind, 'failed');
    assert.equal(harness.files.text('/work/a.txt'), 'a1');
  });
});
