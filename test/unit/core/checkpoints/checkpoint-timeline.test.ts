import { strict as assert } from 'node:assert';
import type { CheckpointRecord } from '../../../../src/core/checkpoints/checkpoint-record';
import { buildTimeline } from '../../../../src/core/checkpoints/checkpoint-timeline';

const hash = 'a'.repeat(64);
const other = 'b'.repeat(64);

describe('checkpoint timeline', () => {
  it('keeps what a turn cut short had captured, with what it left unknown', () => {
    const records: CheckpointRecord[] = [
      { type: 'turn', id: 1, at: 10, label: 'killed mid-turn' },
      { type: 'before', id: 1, path: '/w/a', before: { kind: 'bytes', hash, size: 3 } },
    ];
    const [step] = buildTimeline(records).steps;
    assert.equal(step?.finished, false);
    assert.deepEqual(step?.files.get('/w/a'), {
      path: '/w/a',
      before: { kind: 'bytes', hash, size: 3 },
      changedInTurn: false,
      after: undefined,
    });
  });

  it('lists exactly the files a finished turn names, dropping captures it left unchanged', () => {
    const records: CheckpointRecord[] = [
      { type: 'turn', id: 1, at: 10, label: 't' },
      { type: 'before', id: 1, path: '/w/a', before: { kind: 'bytes', hash, size: 3 } },
      { type: 'before', id: 1, path: '/w/untouched', before: { kind: 'bytes', hash, size: 3 } },
      {
        type: 'turn-end',
        id: 1,
        at: 11,
        files: [{ path: '/w/a', after: { kind: 'bytes', hash: other, size: 4 } }],
        scanComplete: true,
      },
    ];
    const [step] = buildTimeline(records).steps;
    assert.deepEqual([...(step?.files.keys() ?? [])], ['/w/a']);
    assert.deepEqual(step?.files.get('/w/a')?.before, { kind: 'bytes', hash, size: 3 });
  });

  it('forgets pruned steps but never reuses their ids', () => {
    const records: CheckpointRecord[] = [
      { type: 'prune', before: 6, at: 1 },
      { type: 'turn', id: 6, at: 2, label: 'kept' },
      { type: 'turn-end', id: 6, at: 3, files: [], scanComplete: true },
      { type: 'prune', before: 7, at: 4 },
    ];
    const timeline = buildTimeline(records);
    assert.deepEqual(timeline.steps, []);
    assert.equal(timeline.nextId, 7);
    assert.equal(buildTimeline([{ type: 'prune', before: 6, at: 1 }]).nextId, 6);
  });
});
