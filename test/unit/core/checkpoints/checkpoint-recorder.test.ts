import { strict as assert } from 'node:assert';
import { executeRestore } from '../../../../src/core/checkpoints/restore-executor';
import type { RestorePlan } from '../../../../src/core/checkpoints/restore-planner';
import { TreeSitterShellParser } from '../../../../src/node/bash-parser/tree-sitter-shell-parser';
import type { CheckpointHarness } from '../../../support/memory-checkpoints';
import { checkpointHarness, encode } from '../../../support/memory-checkpoints';

async function planFor(harness: CheckpointHarness, id: number): Promise<RestorePlan> {
  const result = await harness.session.planRestore(harness.files, id);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

async function restoreTo(harness: CheckpointHarness, id: number, overwrite: string[] = []) {
  return executeRestore({
    session: harness.session,
    plan: await planFor(harness, id),
    overwrite: new Set(overwrite),
    workspace: harness.files,
    now: () => 1,
  });
}

/** Runs `changes` as one turn and returns the turn's checkpoint id. */
async function turn(harness: CheckpointHarness, changes: () => Promise<void>): Promise<number> {
  const id = await harness.recorder.beginTurn('a turn');
  assert.ok(id !== undefined);
  await changes();
  await harness.recorder.endTurn();
  return id;
}

describe('checkpoint recorder', () => {
  const crlf = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('a\r\nb\r\n')]);

  it('keeps the exact bytes a turn first overwrote, and restores them byte for byte', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': crlf });
    const id = await turn(harness, async () => {
      await harness.workspace.writeFile('/work/a.txt', encode('first\n'));
      await harness.workspace.writeFile('/work/a.txt', encode('second\n'));
    });
    assert.equal(harness.files.text('/work/a.txt'), 'second\n');
    const outcome = await restoreTo(harness, id);
    assert.deepEqual(outcome.files, [
      { path: '/work/a.txt', kind: 'restored', action: 'revert', exact: true },
    ]);
    assert.deepEqual(harness.files.files.get('/work/a.txt')?.bytes, crlf);
  });

  it('deletes files the turn created and brings back files it deleted', async () => {
    const harness = await checkpointHarness({ '/work/old.txt': 'old\n' });
    const id = await turn(harness, async () => {
      await harness.workspace.writeFile('/work/new.txt', encode('new\n'));
      await harness.workspace.deleteFile('/work/old.txt');
    });
    const plan = await planFor(harness, id);
    assert.deepEqual(
      plan.entries.map((entry) => [entry.path, entry.action]),
      [
        ['/work/new.txt', 'delete'],
        ['/work/old.txt', 'recreate'],
      ],
    );
    await restoreTo(harness, id);
    assert.equal(harness.files.text('/work/new.txt'), undefined);
    assert.equal(harness.files.text('/work/old.txt'), 'old\n');
  });

  it('lists only files whose content the turn changed', async () => {
    const harness = await checkpointHarness({ '/work/same.txt': 'same\n', '/work/b.txt': 'b\n' });
    await turn(harness, async () => {
      await harness.workspace.writeFile('/work/same.txt', encode('same\n'));
      await harness.workspace.writeFile('/work/b.txt', encode('B\n'));
    });
    const end = harness.journal.records().find((record) => record.type === 'turn-end');
    assert.deepEqual(end?.type === 'turn-end' && end.files.map((file) => file.path), ['/work/b.txt']);
  });

  it('restores to an earlier turn across later turns, each file to its state before that turn', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a0\n', '/work/b.txt': 'b0\n' });
    await turn(harness, async () => harness.workspace.writeFile('/work/a.txt', encode('a1\n')));
    const second = await turn(harness, async () => {
      await harness.workspace.writeFile('/work/a.txt', encode('a2\n'));
      await harness.workspace.writeFile('/work/b.txt', encode('b2\n'));
    });
    await turn(harness, async () => harness.workspace.writeFile('/work/b.txt', encode('b3\n')));
    await restoreTo(harness, second);
    assert.equal(harness.files.text('/work/a.txt'), 'a1\n');
    assert.equal(harness.files.text('/work/b.txt'), 'b0\n');
  });

  it('can undo a restore by restoring to the restore itself', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a0\n' });
    const id = await turn(harness, async () => harness.workspace.writeFile('/work/a.txt', encode('a1\n')));
    const restore = await restoreTo(harness, id);
    assert.equal(harness.files.text('/work/a.txt'), 'a0\n');
    assert.ok(restore.stepId !== undefined);
    await restoreTo(harness, restore.stepId);
    assert.equal(harness.files.text('/work/a.txt'), 'a1\n');
  });

  it('does nothing outside a turn', async () => {
    const harness = await checkpointHarness({ '/work/a.txt': 'a\n' });
    await harness.workspace.writeFile('/work/a.txt', encode('b\n'));
    assert.deepEqual(harness.journal.lines, []);
  });

  describe('changes made by commands', () => {
    let parser: TreeSitterShellParser;
    before(async () => {
      parser = await TreeSitterShellParser.load();
    });

    it('keeps the files a command names before it runs (sed -i, a redirect, mv)', async () => {
      const harness = await checkpointHarness(
        { '/work/src/a.ts': 'let a = 1;\n', '/work/b.txt': 'b\n' },
        { parser },
      );
      const id = await turn(harness, async () => {
        await harness.recorder.beforeCommand(
          "sed -i 's/1/2/' src/a.ts && echo x > out.txt && mv b.txt c.txt",
          '/work',
        );
        harness.files.put('/work/src/a.ts', 'let a = 2;\n');
        harness.files.put('/work/out.txt', 'x\n');
        harness.files.put('/work/c.txt', 'b\n');
        harness.files.files.delete('/work/b.txt');
      });
      const plan = await planFor(harness, id);
      assert.deepEqual(
        plan.entries.map((entry) => [entry.path, entry.action]),
        [
          ['/work/b.txt', 'recreate'],
          ['/work/c.txt', 'delete'],
          ['/work/out.txt', 'delete'],
          ['/work/src/a.ts', 'revert'],
        ],
      );
      await restoreTo(harness, id);
      assert.deepEqual([...harness.files.files.keys()].sort(), ['/work/b.txt', '/work/src/a.ts']);
      assert.equal(harness.files.text('/work/src/a.ts'), 'let a = 1;\n');
    });

    it('keeps the files under a folder that rm -r removes', async () => {
      const harness = await checkpointHarness(
        { '/work/build/x.js': 'x', '/work/build/y/z.js': 'z' },
        { parser },
      );
      const id = await turn(harness, async () => {
        await harness.recorder.beforeCommand('rm -rf build', '/work');
        harness.files.files.clear();
      });
      await restoreTo(harness, id);
      assert.equal(harness.files.text('/work/build/x.js'), 'x');
      assert.equal(harness.files.text('/work/build/y/z.js'), 'z');
    });

    it('keeps the files a wildcard word matches', async () => {
      const harness = await checkpointHarness(
        { '/work/src/a.ts': 'a', '/work/src/b.ts': 'b', '/work/src/c.md': 'c' },
        { parser },
      );
      const id = await turn(harness, async () => {
        await harness.recorder.beforeCommand('prettier --write src/*.ts', '/work');
        harness.files.put('/work/src/a.ts', 'A');
        harness.files.put('/work/src/b.ts', 'B');
      });
      await restoreTo(harness, id);
      assert.equal(harness.files.text('/work/src/a.ts'), 'a');
      assert.equal(harness.files.text('/work/src/b.ts'), 'b');
    });

    it('reports a file a command changed without naming it as unrestorable', async () => {
      const harness = await checkpointHarness({ '/work/a.txt': 'a\n' }, { parser });
      const id = await turn(harness, async () => {
        await harness.recorder.beforeCommand('npm run format', '/work');
        harness.files.put('/work/a.txt', 'formatted\n');
      });
      const summary = harness.journal.records().find((record) => record.type === 'turn-end');
      assert.ok(summary?.type === 'turn-end');
      const [entry] = (await planFor(harness, id)).entries;
      assert.equal(entry?.action, 'unrestorable');
      assert.equal(entry?.reason, 'not-captured');
    });

    it('restores an unnamed change when the agent had read the file during the turn', async () => {
      const harness = await checkpointHarness({ '/work/a.txt': 'a\n' }, { parser });
      const id = await turn(harness, async () => {
        await harness.workspace.readFile('/work/a.txt');
        await harness.recorder.beforeCommand('npm run format', '/work');
        harness.files.put('/work/a.txt', 'formatted\n');
      });
      await restoreTo(harness, id);
      assert.equal(harness.files.text('/work/a.txt'), 'a\n');
    });

    it('deletes a file an unnamed command created', async () => {
      const harness = await checkpointHarness({ '/work/a.txt': 'a\n' }, { parser });
      const id = await turn(harness, async () => {
        await harness.recorder.beforeCommand('npm run generate', '/work');
        harness.files.put('/work/generated.ts', 'export {};\n');
      });
      await restoreTo(harness, id);
      assert.equal(harness.files.text('/work/generated.ts'), undefined);
    });

    it('does not guess about created files when the workspace was too large to scan whole', async () => {
      const harness = await checkpointHarness(
        { '/work/a.txt': 'a', '/work/b.txt': 'b' },
        { parser, maxScanFiles: 1 },
      );
      const id = await turn(harness, async () => {
        harness.files.put('/work/generated.ts', 'export {};\n');
      });
      const plan = await planFor(harness, id);
      assert.deepEqual(plan.entries, []);
      assert.equal(plan.complete, false);
    });

    it('marks content kept after an unseen change earlier in the same turn', async () => {
      const harness = await checkpointHarness({ '/work/a.txt': 'a\n' }, { parser });
      const id = await turn(harness, async () => {
        harness.files.put('/work/a.txt', 'changed by something\n');
        await harness.workspace.writeFile('/work/a.txt', encode('agent\n'));
      });
      const [entry] = (await planFor(harness, id)).entries;
      assert.equal(entry?.changedInTurn, true);
      assert.deepEqual(entry?.target.kind, 'bytes');
      await restoreTo(harness, id);
      assert.equal(harness.files.text('/work/a.txt'), 'changed by something\n');
    });
  });
});
