import type { BeforeVersion, FileVersion, UnknownReason } from './checkpoint-record';
import { sameVersion } from './checkpoint-record';
import type { CheckpointStep, CheckpointTimeline, TimelineFile } from './checkpoint-timeline';
import { findStep } from './checkpoint-timeline';

/** A file as it is now, read through the Workspace (an editor buffer when it is open). */
export type CurrentFile =
  { kind: 'read'; version: FileVersion; dirty: boolean } | { kind: 'unreadable'; message: string };

/**
 * Why a file is not simply put back: it holds something Tandem did not leave there. `changed-after`:
 * its content now is none of the versions the checkpoints recorded. `changed-between`: it changed
 * between two steps, outside any turn (the person's edit, most likely), and restoring drops that
 * change too. `unfinished`: a step that touched it never finished, so what it left is not known.
 */
export type RestoreConflict =
  | { kind: 'changed-after' }
  | { kind: 'changed-between'; afterStep: number; beforeStep: number }
  | { kind: 'unfinished'; step: number };

/** What restoring does to one file. */
export type RestoreAction =
  /** Write the checkpoint's content over a file that exists. */
  | 'revert'
  /** Write the checkpoint's content where the file is now missing (it was deleted). */
  | 'recreate'
  /** Delete a file that did not exist at the checkpoint (it was created). */
  | 'delete'
  /** Already as it was at the checkpoint. */
  | 'unchanged'
  /** Changed since the checkpoint, but its content then was not kept, or it cannot be read now. */
  | 'unrestorable';

export interface RestoreEntry {
  path: string;
  action: RestoreAction;
  /** What the file becomes (for `unrestorable`, why it cannot). */
  target: BeforeVersion;
  /** undefined when the file cannot be read now. */
  current: FileVersion | undefined;
  /** The file is open in the editor with unsaved changes (they are part of `current`). */
  dirty: boolean;
  /** Set only for revert, recreate and delete: the restore skips the file unless the person confirms it. */
  conflict: RestoreConflict | undefined;
  /** The target content was captured after the file had already changed during that turn. */
  changedInTurn: boolean;
  /** For `unrestorable`. */
  reason: UnknownReason | 'unreadable' | undefined;
  /** The steps since the checkpoint that changed this file, oldest first. */
  steps: number[];
}

/** What a restore to one checkpoint would change, file by file, sorted by path. */
export interface RestorePlan {
  target: Pick<CheckpointStep, 'id' | 'kind' | 'label' | 'at'>;
  entries: RestoreEntry[];
  /** False when some step's scan missed files (a very large workspace): commands may have changed more. */
  complete: boolean;
}

export type PlanResult = { ok: true; plan: RestorePlan } | { ok: false; message: string };

/** The files the steps from `targetId` on changed: the ones whose current state the planner needs. */
export function filesSince(timeline: CheckpointTimeline, targetId: number): string[] {
  const paths = new Set<string>();
  for (const step of timeline.steps) {
    if (step.id >= targetId) for (const path of step.files.keys()) paths.add(path);
  }
  return [...paths].sort();
}

function versionKey(version: BeforeVersion | undefined): string | undefined {
  if (version === undefined || version.kind === 'unknown') return undefined;
  return version.kind === 'absent' ? 'absent' : version.hash;
}

function conflictOf(
  chain: readonly { step: number; file: TimelineFile }[],
  current: FileVersion,
): RestoreConflict | undefined {
  const known = new Set<string>();
  for (const { file } of chain) {
    for (const version of [file.before, file.after]) {
      const key = versionKey(version);
      if (key !== undefined) known.add(key);
    }
  }
  if (!known.has(versionKey(current) ?? '')) {
    const unfinished = chain.find(({ file }) => file.after === undefined);
    return unfinished ? { kind: 'unfinished', step: unfinished.step } : { kind: 'changed-after' };
  }
  for (let index = 0; index + 1 < chain.length; index += 1) {
    const earlier = chain[index];
    const later = chain[index + 1];
    if (!earlier || !later || earlier.file.after === undefined || later.file.before.kind === 'unknown')
      continue;
    if (!sameVersion(earlier.file.after, later.file.before))
      return { kind: 'changed-between', afterStep: earlier.step, beforeStep: later.step };
  }
  return undefined;
}

function entryFor(
  path: string,
  chain: readonly { step: number; file: TimelineFile }[],
  current: CurrentFile | undefined,
): RestoreEntry {
  const first = chain[0]?.file;
  const target: BeforeVersion = first?.before ?? { kind: 'unknown', reason: 'not-captured' };
  const base = {
    path,
    target,
    current: current?.kind === 'read' ? current.version : undefined,
    dirty: current?.kind === 'read' && current.dirty,
    conflict: undefined,
    changedInTurn: first?.changedInTurn ?? false,
    steps: chain.map(({ step }) => step),
  };
  if (current === undefined || current.kind === 'unreadable')
    return { ...base, action: 'unrestorable', reason: 'unreadable' };
  if (target.kind === 'unknown') return { ...base, action: 'unrestorable', reason: target.reason };
  if (sameVersion(current.version, target)) return { ...base, action: 'unchanged', reason: undefined };
  const action =
    target.kind === 'absent' ? 'delete' : current.version.kind === 'absent' ? 'recreate' : 'revert';
  return { ...base, action, conflict: conflictOf(chain, current.version), reason: undefined };
}

/**
 * Plans a restore of every file the steps from `targetId` on changed, back to what it was just
 * before that step. Pure: the caller reads `current` (for the paths of {@link filesSince}) and
 * nothing is written. Files holding something Tandem did not leave there are marked as conflicts.
 */
export function planRestore(options: {
  timeline: CheckpointTimeline;
  targetId: number;
  current: ReadonlyMap<string, CurrentFile>;
}): PlanResult {
  const { timeline, targetId, current } = options;
  const target = findStep(timeline, targetId);
  if (!target)
    return {
      ok: false,
      message: `Checkpoint ${targetId} is not stored (it was pruned to stay within the storage limit, or never existed).`,
    };
  const chains = new Map<string, { step: number; file: TimelineFile }[]>();
  let complete = true;
  for (const step of timeline.steps) {
    if (step.id < targetId) continue;
    complete &&= step.scanComplete;
    for (const [path, file] of step.files) {
      const chain = chains.get(path) ?? [];
      chain.push({ step: step.id, file });
      chains.set(path, chain);
    }
  }
  const entries = [...chains.keys()]
    .sort()
    .map((path) => entryFor(path, chains.get(path) ?? [], current.get(path)));
  return {
    ok: true,
    plan: {
      target: { id: target.id, kind: target.kind, label: target.label, at: target.at },
      entries,
      complete,
    },
  };
}
