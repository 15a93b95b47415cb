import type { CheckpointStep, CheckpointTimeline } from './checkpoint-timeline';

/** A stored blob as the pruner weighs it. */
export interface BlobUsage {
  hash: string;
  size: number;
  /** Last stored or re-stored, in ms since the epoch. */
  mtimeMs: number;
}

export interface PruneInput {
  sessions: readonly { sessionId: string; timeline: CheckpointTimeline }[];
  blobs: readonly BlobUsage[];
  maxBytes: number;
  now: number;
  /** An unreferenced blob younger than this is kept: a turn may be about to journal it. */
  graceMs: number;
}

export interface PrunePlan {
  /** Per session whose oldest steps go: forget every step before `before`. */
  prunes: { sessionId: string; before: number }[];
  /** Blobs no remaining step refers to. */
  deleteBlobs: string[];
  /** Bytes of the blobs that remaining steps refer to. */
  keptBytes: number;
}

/** The blobs a step needs to be restored to: every content it kept (what it overwrote). */
function blobsOf(step: CheckpointStep): Set<string> {
  const hashes = new Set<string>();
  for (const file of step.files.values()) if (file.before.kind === 'bytes') hashes.add(file.before.hash);
  return hashes;
}

/**
 * Decides what to forget to fit the storage limit: the oldest steps across all sessions first,
 * until the blobs the remaining steps refer to fit in `maxBytes`. The newest step of each session is
 * never pruned, so the last turn can always be undone (the limit may be exceeded by that much).
 * Then every blob no step refers to is deleted. Pure: the caller applies the plan.
 */
export function planPrune(input: PruneInput): PrunePlan {
  const sizes = new Map(input.blobs.map((blob) => [blob.hash, blob.size]));
  const references = new Map<string, number>();
  let keptBytes = 0;
  const reference = (hash: string, delta: 1 | -1) => {
    const count = (references.get(hash) ?? 0) + delta;
    references.set(hash, count);
    if (delta === 1 && count === 1) keptBytes += sizes.get(hash) ?? 0;
    if (delta === -1 && count === 0) keptBytes -= sizes.get(hash) ?? 0;
  };
  const candidates: { sessionId: string; step: CheckpointStep; blobs: Set<string> }[] = [];
  for (const { sessionId, timeline } of input.sessions) {
    timeline.steps.forEach((step, index) => {
      const blobs = blobsOf(step);
      for (const hash of blobs) reference(hash, 1);
      if (index < timeline.steps.length - 1) candidates.push({ sessionId, step, blobs });
    });
  }
  candidates.sort((a, b) => a.step.at - b.step.at || a.step.id - b.step.id);
  const prunedBefore = new Map<string, number>();
  for (const candidate of candidates) {
    if (keptBytes <= input.maxBytes) break;
    // Steps go oldest first within a session too, so its remaining steps stay one unbroken chain.
    if (candidate.step.id < (prunedBefore.get(candidate.sessionId) ?? 0)) continue;
    const session = input.sessions.find((entry) => entry.sessionId === candidate.sessionId);
    for (const step of session?.timeline.steps ?? []) {
      if (step.id > candidate.step.id || step.id < (prunedBefore.get(candidate.sessionId) ?? 0)) continue;
      for (const hash of blobsOf(step)) reference(hash, -1);
    }
    prunedBefore.set(candidate.sessionId, candidate.step.id + 1);
  }
  const deleteBlobs = input.blobs
    .filter((blob) => (references.get(blob.hash) ?? 0) === 0 && blob.mtimeMs < input.now - input.graceMs)
    .map((blob) => blob.hash);
  return {
    prunes: [...prunedBefore].map(([sessionId, before]) => ({ sessionId, before })),
    deleteBlobs,
    keptBytes,
  };
}
