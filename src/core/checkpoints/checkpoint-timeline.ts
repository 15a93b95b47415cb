import type { BeforeVersion, CheckpointRecord, FileVersion } from './checkpoint-record';

/** One file of one step, with the journal's separate lines folded together. */
export interface TimelineFile {
  path: string;
  before: BeforeVersion;
  changedInTurn: boolean;
  /** undefined when the step never finished (the process died mid-turn): what it left is not known. */
  after: FileVersion | undefined;
}

/** A turn of the agent, or a restore, with the files it changed. */
export interface CheckpointStep {
  id: number;
  kind: 'turn' | 'restore';
  /** When the step began, in ms since the epoch. */
  at: number;
  /** The first line of the person's message for a turn; empty for a restore. */
  label: string;
  finished: boolean;
  /** For a restore: the step whose "before" it went back to. */
  target: number | undefined;
  /** False when the scan for changes made outside Tandem's tools did not see every file. */
  scanComplete: boolean;
  files: ReadonlyMap<string, TimelineFile>;
}

/** A session's steps in the order they happened. */
export interface CheckpointTimeline {
  /** Ascending by id; pruned steps are gone. */
  steps: CheckpointStep[];
  /** The id the next step takes: never reuses one, pruned or not. */
  nextId: number;
}

interface OpenStep {
  step: CheckpointStep & { files: Map<string, TimelineFile> };
  befores: Map<string, { before: BeforeVersion; changedInTurn: boolean }>;
}

function openTurn(record: CheckpointRecord & { type: 'turn' }): OpenStep {
  return {
    step: {
      id: record.id,
      kind: 'turn',
      at: record.at,
      label: record.label,
      finished: false,
      target: undefined,
      scanComplete: true,
      files: new Map(),
    },
    befores: new Map(),
  };
}

/** An unfinished turn: every file it captured, with what it left unknown. */
function unfinishedFiles(open: OpenStep): void {
  for (const [path, { before, changedInTurn }] of open.befores)
    open.step.files.set(path, { path, before, changedInTurn, after: undefined });
}

/**
 * Folds journal records into steps. Records of a step may be interleaved with nothing else but
 * their own (one session, one turn at a time); a record for an unknown step is ignored. A finished
 * turn's files are exactly those its `turn-end` lists: a captured file it does not list was left
 * as it was.
 */
export function buildTimeline(records: readonly CheckpointRecord[]): CheckpointTimeline {
  const open = new Map<number, OpenStep>();
  let prunedBefore = 1;
  let maxId = 0;
  for (const record of records) {
    if (record.type === 'prune') {
      prunedBefore = Math.max(prunedBefore, record.before);
      maxId = Math.max(maxId, record.before - 1);
      continue;
    }
    maxId = Math.max(maxId, record.id);
    if (record.type === 'turn') {
      open.set(record.id, openTurn(record));
    } else if (record.type === 'before') {
      open.get(record.id)?.befores.set(record.path, {
        before: record.before,
        changedInTurn: record.changedInTurn ?? false,
      });
    } else if (record.type === 'turn-end') {
      const turn = open.get(record.id);
      if (!turn) continue;
      turn.step.finished = true;
      turn.step.scanComplete = record.scanComplete;
      for (const file of record.files) {
        const journaled = turn.befores.get(file.path);
        turn.step.files.set(file.path, {
          path: file.path,
          before: file.before ?? journaled?.before ?? { kind: 'unknown', reason: 'not-captured' },
          changedInTurn: file.changedInTurn ?? journaled?.changedInTurn ?? false,
          after: file.after,
        });
      }
    } else {
      const files = new Map<string, TimelineFile>();
      for (const file of record.files)
        files.set(file.path, {
          path: file.path,
          before: file.before,
          changedInTurn: false,
          after: file.after,
        });
      open.set(record.id, {
        step: {
          id: record.id,
          kind: 'restore',
          at: record.at,
          label: '',
          finished: true,
          target: record.target,
          scanComplete: true,
          files,
        },
        befores: new Map(),
      });
    }
  }
  const steps: CheckpointStep[] = [];
  for (const entry of [...open.values()].sort((a, b) => a.step.id - b.step.id)) {
    if (entry.step.id < prunedBefore) continue;
    if (!entry.step.finished) unfinishedFiles(entry);
    steps.push(entry.step);
  }
  return { steps, nextId: maxId + 1 };
}

/** The step with this id, if it is still in the timeline. */
export function findStep(timeline: CheckpointTimeline, id: number): CheckpointStep | undefined {
  return timeline.steps.find((step) => step.id === id);
}
