import type { RestoreConflict, RestoreEntry } from './restore-planner';
import type { RestoredFile } from './restore-executor';

/** What restoring does to the file, in a few words. */
export function describeAction(entry: RestoreEntry): string {
  switch (entry.action) {
    case 'revert':
      return entry.changedInTurn ? 'revert (to its content just before Tandem first edited it)' : 'revert';
    case 'recreate':
      return 'recreate (deleted since)';
    case 'delete':
      return 'delete (created since)';
    case 'unchanged':
      return 'unchanged';
    case 'unrestorable':
      if (entry.reason === 'too-large') return 'cannot restore: too large to keep';
      if (entry.reason === 'unreadable') return 'cannot restore: it cannot be read now';
      return 'cannot restore: changed by a command, its earlier content was not kept';
  }
}

/** Why a file needs the person's confirmation, as one sentence. */
export function describeConflict(conflict: RestoreConflict, entry: Pick<RestoreEntry, 'dirty'>): string {
  const unsaved = entry.dirty ? ' It has unsaved changes in the editor.' : '';
  switch (conflict.kind) {
    case 'changed-after':
      return `It was changed after Tandem last wrote it (by you or another program); restoring discards that.${unsaved}`;
    case 'changed-between':
      return `It was changed between checkpoints ${conflict.afterStep} and ${conflict.beforeStep}, outside Tandem; restoring discards that change too.${unsaved}`;
    case 'unfinished':
      return `Checkpoint ${conflict.step} was cut short, so Tandem cannot tell whether its content now is Tandem's or yours.${unsaved}`;
  }
}

/** What happened to one file, for the report after a restore. */
export function describeOutcome(file: RestoredFile): string {
  if (file.kind === 'failed') return `failed: ${file.message}`;
  if (file.kind === 'restored') {
    const verb = file.action === 'delete' ? 'deleted' : file.action === 'recreate' ? 'recreated' : 'reverted';
    return file.exact
      ? verb
      : `${verb}, but it reads back differently (the editor changed its line endings?)`;
  }
  switch (file.reason) {
    case 'conflict':
      return 'kept as it is (your change; not confirmed)';
    case 'changed-since-plan':
      return 'kept as it is (it changed after the plan was shown)';
    case 'unchanged':
      return 'already as at the checkpoint';
    case 'unrestorable':
      return 'cannot be restored';
  }
}
