import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { CheckpointSession } from '../core/checkpoints/checkpoint-session';
import type { CheckpointTimeline } from '../core/checkpoints/checkpoint-timeline';
import { findStep } from '../core/checkpoints/checkpoint-timeline';
import { describeAction, describeConflict, describeOutcome } from '../core/checkpoints/describe-restore';
import { executeRestore } from '../core/checkpoints/restore-executor';
import type { RestoreOutcome } from '../core/checkpoints/restore-executor';
import { restoreDiff, restoreSides } from '../core/checkpoints/restore-diff';
import type { RestorePlan } from '../core/checkpoints/restore-planner';
import type { ConversationTurn } from '../core/session/conversation-turns';
import { conversationTurns } from '../core/session/conversation-turns';
import type { CheckpointStorage } from '../node/checkpoints/checkpoint-storage';
import type { JsonlTranscriptStore } from '../node/session/jsonl-transcript-store';
import { NodeWorkspace } from '../node/workspace/node-workspace';
import type { CliOptions } from './cli-options';

/** Where the rewind reads, writes and asks. */
export interface RewindContext {
  sessions: JsonlTranscriptStore;
  storage: CheckpointStorage;
  cwd: string;
  out(text: string): void;
  /** Asks a yes/no question at a terminal; undefined when there is none (then nothing is asked). */
  ask: ((question: string) => Promise<boolean>) | undefined;
}

/** The exit code, and the session a prompt given with `-p` continues (the fork, after a fork). */
export interface RewindResult {
  code: number;
  sessionId: string;
}

type RewindOptions = Pick<
  CliOptions,
  'rewind' | 'rewindFiles' | 'rewindConversation' | 'forkSession' | 'dryRun' | 'overwrite' | 'outputFormat'
> & { resume: string };

const relative = (cwd: string, path: string) =>
  path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;

function listTurns(
  turns: ConversationTurn[],
  timeline: CheckpointTimeline,
  context: RewindContext,
  json: boolean,
) {
  const rows = turns.map((turn) => {
    const step = turn.checkpointId === undefined ? undefined : findStep(timeline, turn.checkpointId);
    return {
      ...turn,
      at: step?.at,
      files: step ? [...step.files.keys()].map((path) => relative(context.cwd, path)) : [],
    };
  });
  if (json) return context.out(`${JSON.stringify(rows)}\n`);
  if (rows.length === 0) return context.out('This session has no turns yet.\n');
  for (const row of rows) {
    const when =
      row.at === undefined
        ? 'no checkpoint'.padEnd(16)
        : new Date(row.at).toISOString().slice(0, 16).replace('T', ' ');
    const files = row.at === undefined ? '' : `${row.files.length} file${row.files.length === 1 ? '' : 's'}`;
    const prompt = row.prompt.split('\n')[0] ?? '';
    context.out(
      `${String(row.turn).padStart(4)}  ${when}  ${files.padEnd(9)}  ${prompt.length > 70 ? `${prompt.slice(0, 69)}…` : prompt}\n`,
    );
  }
  context.out('\nRewind to just before a turn with --rewind <turn> (files and conversation; see --help).\n');
}

async function printPlan(
  plan: RestorePlan,
  session: CheckpointSession,
  context: RewindContext,
  diffs: boolean,
) {
  const workspace = new NodeWorkspace([context.cwd]);
  const shown = plan.entries.filter((entry) => entry.action !== 'unchanged');
  context.out(shown.length === 0 ? 'No file needs restoring.\n' : `Files to restore (${shown.length}):\n`);
  for (const entry of shown) {
    context.out(`  ${relative(context.cwd, entry.path)}: ${describeAction(entry)}\n`);
    if (entry.conflict) context.out(`    ! ${describeConflict(entry.conflict, entry)}\n`);
    if (diffs && entry.action !== 'unrestorable')
      context.out(
        restoreDiff(relative(context.cwd, entry.path), await restoreSides(entry, workspace, session.blobs)),
      );
  }
  if (!plan.complete)
    context.out(
      'Note: the workspace was too large to scan whole, so commands may have changed more files.\n',
    );
}

/** Which conflicting files to overwrite: `--overwrite` paths, then (at a terminal) the person's answers. */
async function confirmedOverwrites(plan: RestorePlan, options: RewindOptions, context: RewindContext) {
  const listed = new Set(options.overwrite.map((path) => resolve(context.cwd, path)));
  const confirmed = new Set<string>();
  for (const entry of plan.entries) {
    if (!entry.conflict || entry.action === 'unchanged' || entry.action === 'unrestorable') continue;
    if (listed.has(entry.path)) confirmed.add(entry.path);
    else if (
      context.ask &&
      (await context.ask(`Overwrite your change to ${relative(context.cwd, entry.path)}?`))
    )
      confirmed.add(entry.path);
  }
  return confirmed;
}

async function restoreFiles(
  turn: ConversationTurn,
  options: RewindOptions,
  context: RewindContext,
): Promise<{ code: number; outcome?: RestoreOutcome }> {
  if (turn.checkpointId === undefined) {
    context.out(
      `Turn ${turn.turn} has no checkpoint (it ran before checkpoints were kept), so its files cannot be restored.\n`,
    );
    return { code: 1 };
  }
  const session = await context.storage.session(options.resume);
  const planned = await session.planRestore(new NodeWorkspace([context.cwd]), turn.checkpointId);
  if (!planned.ok) {
    context.out(`${planned.message}\n`);
    return { code: 1 };
  }
  await printPlan(planned.plan, session, context, options.dryRun);
  const actionable = planned.plan.entries.filter((entry) =>
    ['revert', 'recreate', 'delete'].includes(entry.action),
  );
  if (options.dryRun || actionable.length === 0) return { code: 0 };
  if (
    context.ask &&
    !(await context.ask(`Restore ${actionable.length} file(s) to before turn ${turn.turn}?`))
  ) {
    context.out('Nothing was changed.\n');
    return { code: 1 };
  }
  const outcome = await executeRestore({
    session,
    plan: planned.plan,
    overwrite: await confirmedOverwrites(planned.plan, options, context),
    workspace: new NodeWorkspace([context.cwd]),
    now: () => Date.now(),
  });
  for (const file of outcome.files.filter(
    (file) => !(file.kind === 'skipped' && file.reason === 'unchanged'),
  ))
    context.out(`  ${relative(context.cwd, file.path)}: ${describeOutcome(file)}\n`);
  return { code: outcome.files.some((file) => file.kind === 'failed') ? 1 : 0, outcome };
}

/**
 * `--rewind` and `--fork-session` for a saved session: lists turns, restores the files changed
 * since a turn's checkpoint (plan printed first; the person's later changes kept unless confirmed),
 * cuts the conversation there by appending a rewind entry, or forks it into a new session.
 */
export async function runRewind(options: RewindOptions, context: RewindContext): Promise<RewindResult> {
  const restored = context.sessions.load(options.resume);
  if (!restored) {
    context.out(`No saved session with id ${options.resume}.\n`);
    return { code: 1, sessionId: options.resume };
  }
  const turns = conversationTurns(restored);
  if (options.rewind === 'list') {
    const session = await context.storage.session(options.resume);
    listTurns(turns, await session.timeline(), context, options.outputFormat === 'json');
    return { code: 0, sessionId: options.resume };
  }
  const turn = options.rewind === undefined ? undefined : turns[options.rewind - 1];
  if (options.rewind !== undefined && !turn) {
    context.out(
      `This session has ${turns.length} turn(s); there is no turn ${options.rewind}. See --rewind list.\n`,
    );
    return { code: 1, sessionId: options.resume };
  }
  const messageCount = turn?.messageIndex ?? restored.messages.length;
  if (options.forkSession) {
    const forked = context.sessions.fork({
      sessionId: options.resume,
      messageCount,
      newSessionId: randomUUID(),
    });
    if (!forked.ok) {
      context.out(`${forked.message}\n`);
      return { code: 1, sessionId: options.resume };
    }
    context.out(
      `Forked into session ${forked.sessionId} (${messageCount} messages); files left as they are.\n`,
    );
    return { code: 0, sessionId: forked.sessionId };
  }
  if (!turn) return { code: 0, sessionId: options.resume };
  let code = 0;
  if (!options.rewindConversation) code = (await restoreFiles(turn, options, context)).code;
  if (!options.rewindFiles && options.dryRun)
    context.out(`The conversation would be cut to before turn ${turn.turn}.\n`);
  if (!options.rewindFiles && !options.dryRun && code === 0) {
    context.sessions.rewind(options.resume, turn.messageIndex);
    context.out(
      `Conversation rewound to before turn ${turn.turn}. Your message then was:\n  ${turn.prompt.replace(/\n/g, '\n  ')}\n`,
    );
  }
  return { code, sessionId: options.resume };
}
