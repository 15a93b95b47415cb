import { strict as assert } from 'node:assert';
import type { CheckpointRecord } from '../../../../src/core/checkpoints/checkpoint-record';
import { buildTimeline } from '../../../../src/core/checkpoints/checkpoint-timeline';
import { planPrune } from '../../../../src/core/checkpoints/prune-plan';

const h = (digit: string) => digit.repeat(64);

/** A finished turn that kept one blob. */
function turn(id: number, at: number, blob: string): CheckpointRecord[] {
  return [
    { type: 'turn', id, at, label: '' },
    {
      type: 'turn-end',
      id,
      at,
      files: [
        { path: `/w/${id}`, before: { kind: 'bytes', hash: blob, size: 100 }, after: { kind: 'absent' } },
      ],
      scanComplete: true,
    },
  ];
}

const blobs = ['1', '2', '3', '4', '5'].map((digit) => ({ hash: h(digit), size: 100, mtimeMs: 0 }));

describe('prune plan', () => {
  it('forgets the oldest steps across sessions until what remains fits', () => {
    const plan = planPrune({
      sessions: [
        { sessionId: 'a', timeline: buildTimeline([...turn(1, 10, h('1')), ...turn(2, 30, h('2'))]) },
        { sessionId: 'b', timeline: buildTimeline([...turn(1, 20, h('3')), ...turn(2, 40, h('4'))]) },
      ],
      blobs,
      maxBytes: 250,
      now: 1_000_000,
      graceMs: 1_000,
    });
    assert.deepEqual(plan.prunes, [
      { sessionId: 'a', before: 2 },
      { sessionId: 'b', before: 2 },
    ]);
    assert.deepEqual(plan.deleteBlobs.sort(), [h('1'), h('3'), h('5')]);
    assert.equal(plan.keptBytes, 200);
  });

  it('keeps the newest step of every session even over the limit', () => {
    const plan = planPrune({
      sessions: [{ sessionId: 'a', timeline: buildTimeline(turn(1, 10, h('1'))) }],
      blobs,
      maxBytes: 0,
      now: 1_000_000,
      graceMs: 1_000,
    });
    assert.deepEqual(plan.prunes, []);
    assert.equal(plan.deleteBlobs.includes(h('1')), false);
  });

  it('keeps a blob two steps share until both are gone', () => {
    const plan = planPrune({
      sessions: [
        { sessionId: 'a', timeline: buildTimeline([...turn(1, 10, h('1')), ...turn(2, 20, h('2'))]) },
        { sessionId: 'b', timeline: buildTimeline([...turn(1, 30, h('1')), ...turn(2, 40, h('3'))]) },
      ],
      blobs: blobs.slice(0, 3),
      maxBytes: 300,
      now: 1_000_000,
      graceMs: 1_000,
    });
    assert.deepEqual(plan.prunes, []);
    assert.deepEqual(plan.deleteBlobs, []);
  });

  it('leaves young unreferenced blobs: a turn may be about to journal them', () => {
    const plan = planPrune({
      sessions: [],
      blobs: [{ hash: h('9'), size: 1, mtimeMs: 999_500 }],
      maxBytes: 10,
      now: 1_000_000,
      graceMs: 1_000,
    });
    assert.deepEqual(plan.deleteBlobs, []);
  });
});
