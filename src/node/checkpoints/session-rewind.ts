import { randomUUID } from 'node:crypto';
import type { CheckpointSession } from '../../core/checkpoints/checkpoint-session';
import { findStep } from '../../core/checkpoints/checkpoint-timeline';
import type { RestoreOutcome } from '../../core/checkpoints/restore-executor';
import { executeRestore } from '../../core/checkpoints/restore-executor';
import type { RestorePlan } from '../../core/checkpoints/restore-planner';
import type { Workspace } from '../../core/ports';
import type { ConversationTurn } from '../../core/session/conversation-turns';
import { conversationTurns } from '../../core/session/conversation-turns';
import type { JsonlTranscriptStore } from '../session/jsonl-transcript-store';
import type { CheckpointStorage } from './checkpoint-storage';

/** A turn of the conversation with what its checkpoint recorded. */
export interface TurnWithCheckpoint extends ConversationTurn {
  /** When the turn began; undefined when it has no checkpoint (or it was pruned). */
  at: number | undefined;
  /** The files the turn changed, sorted. */
  files: string[];
}

/** A plan for one turn, ready to be shown and then carried out. */
export interface PlannedRestore {
  turn: ConversationTurn;
  plan: RestorePlan;
  session: CheckpointSession;
}

type Failure = { ok: false; message: string };

/** A turn by its number in the conversation as it stands (1-based), or by the checkpoint it took. */
export type TurnAt = number | { checkpointId: number };

/**
 * Rewinding a saved session, the same for the CLI and the editor (which bring their own way of
 * asking): its turns with their checkpoints, a file restore planned then carried out on the files
 * the person chose, the conversation cut by a rewind entry, or a fork into a new session.
 * Expected failures are values with a sentence for the person.
 */
export class SessionRewind {
  constructor(
    private readonly sessions: JsonlTranscriptStore,
    private readonly storage: CheckpointStorage,
  ) {}

  async turns(sessionId: string): Promise<{ ok: true; turns: TurnWithCheckpoint[] } | Failure> {
    const restored = this.sessions.load(sessionId);
    if (!restored) return { ok: false, message: `No saved session with id ${sessionId}.` };
    const timeline = await (await this.storage.session(sessionId)).timeline();
    return {
      ok: true,
      turns: conversationTurns(restored).map((turn) => {
        const step = turn.checkpointId === undefined ? undefined : findStep(timeline, turn.checkpointId);
        return { ...turn, at: step?.at, files: step ? [...step.files.keys()].sort() : [] };
      }),
    };
  }

  /** The turn numbered `at` (1-based) as the conversation stands now, or the one that took a checkpoint. */
  turn(sessionId: string, at: TurnAt): { ok: true; turn: ConversationTurn; messageCount: number } | Failure {
    const restored = this.sessions.load(sessionId);
    if (!restored) return { ok: false, message: `No saved session with id ${sessionId}.` };
    const turns = conversationTurns(restored);
    if (typeof at !== 'number') {
      const turn = turns.find((candidate) => candidate.checkpointId === at.checkpointId);
      if (!turn)
        return { ok: false, message: 'That message is no longer in the conversation (it was rewound).' };
      return { ok: true, turn, messageCount: restored.messages.length };
    }
    const turn = turns[at - 1];
    if (!turn)
      return { ok: false, message: `This session has ${turns.length} turn(s); there is no turn ${at}.` };
    return { ok: true, turn, messageCount: restored.messages.length };
  }

  /** What restoring the files to before the turn would change, read through `workspace`. */
  async planFiles(
    sessionId: string,
    at: TurnAt,
    workspace: Workspace,
  ): Promise<({ ok: true } & PlannedRestore) | Failure> {
    const found = this.turn(sessionId, at);
    if (!found.ok) return found;
    const { turn } = found;
    if (turn.checkpointId === undefined)
      return {
        ok: false,
        message: `Turn ${turn.turn} has no checkpoint (it ran before checkpoints were kept), so its files cannot be restored.`,
      };
    const session = await this.storage.session(sessionId);
    if (session.turnOpen)
      return { ok: false, message: 'A turn of this chat is still running; stop it or wait, then restore.' };
    await session.idle();
    const planned = await session.planRestore(workspace, turn.checkpointId);
    return planned.ok ? { ok: true, turn, plan: planned.plan, session } : planned;
  }

  /**
   * Restores the chosen files of a plan: a file left out stays as it is; a conflicting file is
   * overwritten only because the person chose it.
   */
  restoreFiles(
    planned: PlannedRestore,
    chosen: ReadonlySet<string>,
    workspace: Workspace,
  ): Promise<RestoreOutcome> {
    return executeRestore({
      session: planned.session,
      plan: { ...planned.plan, entries: planned.plan.entries.filter((entry) => chosen.has(entry.path)) },
      overwrite: chosen,
      workspace,
      now: () => Date.now(),
    });
  }

  /** Cuts the conversation to before the turn (a rewind entry; earlier lines stay). */
  rewindConversation(sessionId: string, turn: ConversationTurn): boolean {
    return this.sessions.rewind(sessionId, turn.messageIndex);
  }

  /** A new session with the conversation before `turn` (all of it without one); files untouched. */
  fork(
    sessionId: string,
    turn: ConversationTurn | undefined,
  ): { ok: true; sessionId: string; messageCount: number } | Failure {
    const messageCount = turn?.messageIndex ?? this.sessions.load(sessionId)?.messages.length ?? 0;
    const forked = this.sessions.fork({ sessionId, messageCount, newSessionId: randomUUID() });
    return forked.ok ? { ...forked, messageCount } : forked;
  }
}
