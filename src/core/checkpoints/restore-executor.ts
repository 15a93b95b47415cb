import type { Workspace } from '../ports';
import type { BeforeVersion, FileVersion } from './checkpoint-record';
import { sameVersion } from './checkpoint-record';
import type { CheckpointSession } from './checkpoint-session';
import type { RestoreAction, RestoreEntry, RestorePlan } from './restore-planner';

/** What happened to one file of the plan. */
export type RestoredFile =
  | {
      path: string;
      kind: 'restored';
      action: Extract<RestoreAction, 'revert' | 'recreate' | 'delete'>;
      /** False when the file reads back differently from the checkpoint (an editor normalised it). */
      exact: boolean;
    }
  | {
      path: string;
      kind: 'skipped';
      /**
       * `conflict`: the person did not confirm overwriting their change. `changed-since-plan`: the
       * file changed after the plan was shown, so the confirmation no longer applies to it.
       */
      reason: 'conflict' | 'changed-since-plan' | 'unchanged' | 'unrestorable';
    }
  | { path: string; kind: 'failed'; message: string };

export interface RestoreOutcome {
  /** The id the restore was recorded under; undefined when nothing was written. */
  stepId: number | undefined;
  files: RestoredFile[];
}

export interface RestoreOptions {
  session: CheckpointSession;
  plan: RestorePlan;
  /** Conflicting files the person confirmed, one by one, to overwrite. */
  overwrite: ReadonlySet<string>;
  /** Where the files are written: in the editor, WorkspaceEdit (undoable) with open buffers handled. */
  workspace: Workspace;
  now(): number;
}

function skip(entry: RestoreEntry, overwrite: ReadonlySet<string>): RestoredFile | undefined {
  if (entry.action === 'unchanged' || entry.action === 'unrestorable')
    return { path: entry.path, kind: 'skipped', reason: entry.action };
  if (entry.conflict && !overwrite.has(entry.path))
    return { path: entry.path, kind: 'skipped', reason: 'conflict' };
  return undefined;
}

interface Written {
  outcome: RestoredFile;
  record?: { path: string; before: BeforeVersion; after: FileVersion };
}

async function restoreOne(entry: RestoreEntry, options: RestoreOptions): Promise<Written> {
  const { session, workspace } = options;
  const action = entry.action as 'revert' | 'recreate' | 'delete';
  const now = (await session.readCurrent(workspace, [entry.path])).get(entry.path);
  if (now?.kind !== 'read' || !sameVersion(now.version, entry.current))
    return { outcome: { path: entry.path, kind: 'skipped', reason: 'changed-since-plan' } };
  const fail = (message: string): Written => ({ outcome: { path: entry.path, kind: 'failed', message } });
  try {
    // What is overwritten is kept first, so the restore itself can be undone.
    let before: BeforeVersion = { kind: 'absent' };
    if (now.version.kind === 'bytes') {
      const bytes = (await workspace.readFile(entry.path)).bytes;
      before = { kind: 'bytes', hash: await session.blobs.put(bytes), size: bytes.byteLength };
    }
    if (entry.target.kind === 'absent') await workspace.deleteFile(entry.path);
    else if (entry.target.kind === 'bytes') {
      const bytes = await session.blobs.get(entry.target.hash);
      if (!bytes) return fail(`The stored content of ${entry.path} is missing or damaged.`);
      await workspace.writeFile(entry.path, bytes);
    }
    const after = (await session.readCurrent(workspace, [entry.path])).get(entry.path);
    const afterVersion: FileVersion = after?.kind === 'read' ? after.version : { kind: 'absent' };
    return {
      outcome: { path: entry.path, kind: 'restored', action, exact: sameVersion(afterVersion, entry.target) },
      record: { path: entry.path, before, after: afterVersion },
    };
  } catch (error) {
    return fail(`Restoring ${entry.path} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Carries out a plan through the Workspace: writes back, recreates and deletes, skipping conflicts
 * the person did not confirm and any file that changed since the plan was made. What each write
 * replaces is stored first, and the restore is journaled as a step of its own. Never throws: a file
 * that fails is reported and the others go on.
 */
export async function executeRestore(options: RestoreOptions): Promise<RestoreOutcome> {
  const files: RestoredFile[] = [];
  const records: NonNullable<Written['record']>[] = [];
  for (const entry of options.plan.entries) {
    const skipped = skip(entry, options.overwrite);
    if (skipped) {
      files.push(skipped);
      continue;
    }
    const written = await restoreOne(entry, options);
    files.push(written.outcome);
    if (written.record) records.push(written.record);
  }
  if (records.length === 0) return { stepId: undefined, files };
  const stepId = options.session.allocateId();
  await options.session.append({
    type: 'restore',
    id: stepId,
    at: options.now(),
    target: options.plan.target.id,
    files: records,
  });
  return { stepId, files };
}
