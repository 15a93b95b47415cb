import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type {
  BeforeVersion,
  CheckpointRecord,
  FileVersion,
} from '../../../../src/core/checkpoints/checkpoint-record';
import { buildTimeline } from '../../../../src/core/checkpoints/checkpoint-timeline';
import type { CurrentFile, RestoreEntry } from '../../../../src/core/checkpoints/restore-planner';
import { planRestore } from '../../../../src/core/checkpoints/restore-planner';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const bytes = (text: string): FileVersion => ({ kind: 'bytes', hash: hashOf(text), size: text.length });
const absent: FileVersion = { kind: 'absent' };
const path = '/work/a.txt';

/** A finished turn that changed `a.txt` from `before` to `after`. */
function turn(id: number, before: BeforeVersion, after: FileVersion): CheckpointRecord[] {
  return [
    { type: 'turn', id, at: id, label: `turn ${id}` },
    { type: 'turn-end', id, at: id, files: [{ path, before, after }], scanComplete: true },
  ];
}

function plan(records: CheckpointRecord[], targetId: number, now: FileVersion, dirty = false): RestoreEntry {
  const current = new Map<string, CurrentFile>([[path, { kind: 'read', version: now, dirty }]]);
  const result = planRestore({ timeline: buildTimeline(records), targetId, current });
  assert.ok(result.ok);
  const [entry] = result.plan.entries;
  assert.ok(entry);
  return entry;
}

describe('restore planner', () => {
  const cases: {
    name: string;
    records: CheckpointRecord[];
    target: number;
    now: FileVersion;
    action: RestoreEntry['action'];
    conflict?: RestoreEntry['conflict'];
  }[] = [
    {
      name: 'reverts a file still as the turn left it, without a conflict',
      records: turn(1, bytes('v0'), bytes('v1')),
      target: 1,
      now: bytes('v1'),
      action: 'revert',
    },
    {
      name: 'sees nothing to do for a file already back as it was',
      records: turn(1, bytes('v0'), bytes('v1')),
      target: 1,
      now: bytes('v0'),
      action: 'unchanged',
    },
    {
      name: 'marks a file changed after the checkpoint by someone else as a conflict',
      records: turn(1, bytes('v0'), bytes('v1')),
      target: 1,
      now: bytes('typed by the person'),
      action: 'revert',
      conflict: { kind: 'changed-after' },
    },
    {
      name: 'recreates a file the turn deleted',
      records: turn(1, bytes('v0'), absent),
      target: 1,
      now: absent,
      action: 'recreate',
    },
    {
      name: 'deletes a file the turn created',
      records: turn(1, absent, bytes('new')),
      target: 1,
      now: bytes('new'),
      action: 'delete',
    },
    {
      name: 'marks a created file the person then rewrote as a conflict before deleting it',
      records: turn(1, absent, bytes('new')),
      target: 1,
      now: bytes('the person kept working here'),
      action: 'delete',
      conflict: { kind: 'changed-after' },
    },
    {
      name: 'marks a change made between two turns as a conflict when restoring past both',
      records: [...turn(1, bytes('v0'), bytes('v1')), ...turn(2, bytes('v1 edited by hand'), bytes('v2'))],
      target: 1,
      now: bytes('v2'),
      action: 'revert',
      conflict: { kind: 'changed-between', afterStep: 1, beforeStep: 2 },
    },
    {
      name: 'restores only past the later turn without touching the change between turns',
      records: [...turn(1, bytes('v0'), bytes('v1')), ...turn(2, bytes('v1 edited by hand'), bytes('v2'))],
      target: 2,
      now: bytes('v2'),
      action: 'revert',
    },
    {
      name: 'accepts an earlier recorded version as Tandem’s (the person undid the last edit)',
      records: [...turn(1, bytes('v0'), bytes('v1')), ...turn(2, bytes('v1'), bytes('v2'))],
      target: 1,
      now: bytes('v1'),
      action: 'revert',
    },
    {
      name: 'cannot restore content that was never kept',
      records: turn(1, { kind: 'unknown', reason: 'not-captured' }, bytes('v1')),
      target: 1,
      now: bytes('v1'),
      action: 'unrestorable',
    },
    {
      name: 'marks a file of a turn that never finished as a conflict unless it matches a known version',
      records: [
        { type: 'turn', id: 1, at: 1, label: 'killed' },
        { type: 'before', id: 1, path, before: bytes('v0') },
      ],
      target: 1,
      now: bytes('whatever the agent got to write'),
      action: 'revert',
      conflict: { kind: 'unfinished', step: 1 },
    },
  ];
  for (const example of cases) {
    it(example.name, () => {
      const entry = plan(example.records, example.target, example.now);
      assert.equal(entry.action, example.action);
      assert.deepEqual(entry.conflict, example.conflict);
    });
  }

  it('reports unsaved editor changes with the entry', () => {
    const entry = plan(turn(1, bytes('v0'), bytes('v1')), 1, bytes('v1 + typing'), true);
    assert.equal(entry.dirty, true);
    assert.deepEqual(entry.conflict, { kind: 'changed-after' });
  });

  it('refuses a checkpoint that is not stored', () => {
    const result = planRestore({
      timeline: buildTimeline(turn(3, absent, bytes('x'))),
      targetId: 1,
      current: new Map(),
    });
    assert.equal(result.ok, false);
  });

  it('treats a file that cannot be read now as unrestorable', () => {
    const timeline = buildTimeline(turn(1, bytes('v0'), bytes('v1')));
    const current = new Map<string, CurrentFile>([[path, { kind: 'unreadable', message: 'EACCES' }]]);
    const result = planRestore({ timeline, targetId: 1, current });
    assert.ok(result.ok);
    assert.equal(result.plan.entries[0]?.action, 'unrestorable');
    assert.equal(result.plan.entries[0]?.reason, 'unreadable');
  });
});
