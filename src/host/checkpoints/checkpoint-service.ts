import { basename } from 'node:path';
import * as vscode from 'vscode';
import { describeOutcome } from '../../core/checkpoints/describe-restore';
import type { RestoreOutcome } from '../../core/checkpoints/restore-executor';
import type { RestoreEntry } from '../../core/checkpoints/restore-planner';
import type { Workspace } from '../../core/ports';
import type { ConversationTurn } from '../../core/session/conversation-turns';
import type {
  PlannedRestore,
  SessionRewind,
  TurnAt,
  TurnWithCheckpoint,
} from '../../node/checkpoints/session-rewind';
import { checkpointUri } from './checkpoint-content-provider';
import type { RestoreConfirmation } from './restore-confirmation';

/** What a rewind does: the files, the conversation, both, or a new chat from that point. */
export type RewindMode = 'files' | 'conversation' | 'both' | 'fork';

/** What the service needs from the chats. */
export interface ChatBinding {
  /** True while the chat runs a turn: it must be stopped before anything is rewound. */
  isBusy(sessionId: string): boolean;
  /**
   * The chat's conversation was cut on disk to before `turn`: show it as it is now (its prompt may
   * go back in the composer) and resume from there.
   */
  didRewind(sessionId: string, turn: ConversationTurn): void;
  /** Shows a chat (a fork just made). */
  open(sessionId: string): void;
}

export interface CheckpointServiceOptions {
  rewind: SessionRewind;
  /** Restores go through it: in the editor, WorkspaceEdit (undoable), open documents included. */
  workspace: Workspace;
  confirmation: RestoreConfirmation;
  chats: ChatBinding;
  /** A modal question with one action button; true when the person chose it. */
  ask(message: string, detail: string, action: string): Promise<boolean>;
  /** A path as the person reads it (relative to the workspace). */
  label(path: string): string;
}

/** How a rewind ended, with a sentence for the person. */
export type RewindReport =
  | { kind: 'done'; message: string; outcome?: RestoreOutcome; forkedTo?: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const titles: Record<Exclude<RewindMode, 'fork'>, string> = {
  files: 'Restore files to before turn',
  conversation: 'Rewind the conversation to before turn',
  both: 'Restore files and conversation to before turn',
};

/**
 * Checkpoints in the editor: every turn of a chat can have its files restored, its conversation
 * rewound, both, or be forked into a new chat. A file restore shows its plan first (a file per row,
 * diffs in the native diff editor); files the person changed after the checkpoint are restored only
 * when they tick them. Never throws: failures come back in the report.
 */
export class CheckpointService {
  constructor(private readonly options: CheckpointServiceOptions) {}

  /** The chat's turns with what each checkpoint recorded; empty for an unknown chat. */
  async turns(sessionId: string): Promise<TurnWithCheckpoint[]> {
    const listed = await this.options.rewind.turns(sessionId);
    return listed.ok ? listed.turns : [];
  }

  /** Rewinds to before a turn (by number, or by the checkpoint it took: the panel's rows). */
  async rewind(request: { sessionId: string; at: TurnAt; mode: RewindMode }): Promise<RewindReport> {
    const { rewind, chats } = this.options;
    const found = rewind.turn(request.sessionId, request.at);
    if (!found.ok) return { kind: 'failed', message: found.message };
    const turn = found.turn.turn;
    if (request.mode === 'fork') {
      const forked = rewind.fork(request.sessionId, found.turn);
      if (!forked.ok) return { kind: 'failed', message: forked.message };
      chats.open(forked.sessionId);
      return {
        kind: 'done',
        message: `Forked a new chat from before turn ${turn}.`,
        forkedTo: forked.sessionId,
      };
    }
    if (chats.isBusy(request.sessionId))
      return { kind: 'failed', message: 'This chat is still working. Stop it or wait, then rewind.' };
    let outcome: RestoreOutcome | undefined;
    const parts: string[] = [];
    if (request.mode !== 'conversation') {
      const restored = await this.#restoreFiles(request.sessionId, request.at, titles[request.mode]);
      if (restored.kind !== 'done') return restored;
      outcome = restored.outcome;
      parts.push(restored.message);
    }
    if (request.mode !== 'files') {
      const confirmed =
        request.mode === 'both' && outcome !== undefined
          ? true
          : await this.options.ask(
              `${titles.conversation} ${turn}?`,
              'The messages from that turn on are no longer shown or sent to the model; the transcript keeps them.',
              'Rewind',
            );
      if (!confirmed)
        return parts.length > 0 ? { kind: 'done', message: parts.join(' ') } : { kind: 'cancelled' };
      rewind.rewindConversation(request.sessionId, found.turn);
      chats.didRewind(request.sessionId, found.turn);
      parts.push(`The conversation is back to before turn ${turn}.`);
    }
    return { kind: 'done', message: parts.join(' '), ...(outcome ? { outcome } : {}) };
  }

  /** Opens the native diff editor: the file now on the left, what the restore writes on the right. */
  async showDiff(entry: RestoreEntry, turn: Pick<ConversationTurn, 'turn'>): Promise<void> {
    const now =
      entry.current?.kind === 'bytes' ? vscode.Uri.file(entry.path) : checkpointUri(entry.path, undefined);
    const then = checkpointUri(entry.path, entry.target.kind === 'bytes' ? entry.target.hash : undefined);
    await vscode.commands.executeCommand(
      'vscode.diff',
      now,
      then,
      `${basename(entry.path)}: now ↔ before turn ${turn.turn}`,
      { preview: true },
    );
  }

  async #restoreFiles(
    sessionId: string,
    at: TurnAt,
    title: string,
  ): Promise<
    | { kind: 'done'; message: string; outcome?: RestoreOutcome }
    | { kind: 'cancelled' }
    | { kind: 'failed'; message: string }
  > {
    const { rewind, workspace, confirmation, label } = this.options;
    const planned = await rewind.planFiles(sessionId, at, workspace);
    if (!planned.ok) return { kind: 'failed', message: planned.message };
    const actionable = planned.plan.entries.filter((entry) =>
      ['revert', 'recreate', 'delete'].includes(entry.action),
    );
    const unrestorable = planned.plan.entries.filter((entry) => entry.action === 'unrestorable');
    if (actionable.length === 0) {
      const note =
        unrestorable.length > 0
          ? ` ${unrestorable.length} changed file(s) cannot be restored: ${unrestorable.map((entry) => label(entry.path)).join(', ')}.`
          : '';
      return { kind: 'done', message: `No file needs restoring.${note}` };
    }
    const chosen = await confirmation.confirm({
      plan: planned.plan,
      title: `${title} ${planned.turn.turn}`,
      showDiff: (entry) => this.showDiff(entry, planned.turn),
      label,
    });
    if (!chosen) return { kind: 'cancelled' };
    const outcome = await rewind.restoreFiles(planned, chosen, workspace);
    return { kind: 'done', message: summarize(planned, chosen, outcome, label), outcome };
  }
}

/** "Restored 4 files to before turn 2; kept 1 as it is: b.ts." */
function summarize(
  planned: PlannedRestore,
  chosen: ReadonlySet<string>,
  outcome: RestoreOutcome,
  label: (path: string) => string,
): string {
  const restored = outcome.files.filter((file) => file.kind === 'restored');
  const kept = planned.plan.entries.filter(
    (entry) => ['revert', 'recreate', 'delete'].includes(entry.action) && !chosen.has(entry.path),
  );
  const trouble = outcome.files.filter(
    (file) =>
      file.kind === 'failed' ||
      (file.kind === 'skipped' && file.reason === 'changed-since-plan') ||
      (file.kind === 'restored' && !file.exact),
  );
  const parts = [
    `Restored ${restored.length} file${restored.length === 1 ? '' : 's'} to before turn ${planned.turn.turn}.`,
  ];
  if (kept.length > 0) parts.push(`Kept as they are: ${kept.map((entry) => label(entry.path)).join(', ')}.`);
  for (const file of trouble) parts.push(`${label(file.path)}: ${describeOutcome(file)}.`);
  return parts.join(' ');
}
