import { resolve } from 'node:path';
import { describeAction, describeConflict, describeOutcome } from '../core/checkpoints/describe-restore';
import { restoreDiff, restoreSides } from '../core/checkpoints/restore-diff';
import type { ConversationTurn } from '../core/session/conversation-turns';
import type { PlannedRestore, SessionRewind, TurnWithCheckpoint } from '../node/checkpoints/session-rewind';
import { NodeWorkspace } from '../node/workspace/node-workspace';
import type { CliOptions } from './cli-options';

/** Where the rewind reads, writes and asks. */
export interface RewindContext {
  rewind: SessionRewind;
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

function relative(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

function clip(text: string, length: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

function listTurns(turns: TurnWithCheckpoint[], context: RewindContext, json: boolean): void {
  const rows = turns.map((turn) => ({
    ...turn,
    files: turn.files.map((path) => relative(context.cwd, path)),
  }));
  if (json) return context.out(`${JSON.stringify(rows)}\n`);
  if (rows.length === 0) return context.out('This session has no turns yet.\n');
  for (const row of rows) {
    const when =
      row.at === undefined
        ? 'no checkpoint   '
        : new Date(row.at).toISOString().slice(0, 16).replace('T', ' ');
    const files = row.at === undefined ? '' : `${row.files.length} file${row.files.length === 1 ? '' : 's'}`;
    context.out(`${String(row.turn).padStart(4)}  ${when}  ${files.padEnd(9)}  ${clip(row.prompt, 70)}\n`);
  }
  context.out('\nRewind to just before a turn with --rewind <turn> (files and conversation; see --help).\n');
}

async function printPlan(planned: PlannedRestore, context: RewindContext, diffs: boolean): Promise<void> {
  const { plan, session } = planned;
  const workspace = new NodeWorkspace([context.cwd]);
  const shown = plan.entries.filter((entry) => entry.action !== 'unchanged');
  context.out(shown.length === 0 ? 'No file needs restoring.\n' : `Files to restore (${shown.length}):\n`);
  for (const entry of shown) {
    const name = relative(context.cwd, entry.path);
    context.out(`  ${name}: ${describeAction(entry)}\n`);
    if (entry.conflict) context.out(`    ! ${describeConflict(entry.conflict, entry)}\n`);
    if (diffs && entry.action !== 'unrestorable')
      context.out(restoreDiff(name, await restoreSides(entry, workspace, session.blobs)));
  }
  if (!plan.complete)
    context.out(
      'Note: the workspace was too large to scan whole, so commands may have changed more files.\n',
    );
}

/** The files to restore: all but conflicts, plus the conflicts named by --overwrite or confirmed at a terminal. */
async function chosenFiles(planned: PlannedRestore, options: RewindOptions, context: RewindContext) {
  const listed = new Set(options.overwrite.map((path) => resolve(context.cwd, path)));
  const chosen = new Set<string>();
  for (const entry of planned.plan.entries) {
    if (entry.action === 'unchanged' || entry.action === 'unrestorable') continue;
    if (!entry.conflict || listed.has(entry.path)) chosen.add(entry.path);
    else if (
      context.ask &&
      (await context.ask(`Overwrite your change to ${relative(context.cwd, entry.path)}?`))
    )
      chosen.add(entry.path);
  }
  return chosen;
}

async function restoreFiles(turn: number, options: RewindOptions, context: RewindContext): Promise<number> {
  const workspace = new NodeWorkspace([context.cwd]);
  const planned = await context.rewind.planFiles(options.resume, turn, workspace);
  if (!planned.ok) {
    context.out(`${planned.message}\n`);
    return 1;
  }
  await printPlan(planned, context, options.dryRun);
  const actionable = planned.plan.entries.filter((entry) =>
    ['revert', 'recreate', 'delete'].includes(entry.action),
  );
  if (options.dryRun || actionable.length === 0) return 0;
  if (context.ask && !(await context.ask(`Restore ${actionable.length} file(s) to before turn ${turn}?`))) {
    context.out('Nothing was changed.\n');
    return 1;
  }
  const chosen = await chosenFiles(planned, options, context);
  const outcome = await context.rewind.restoreFiles(planned, chosen, workspace);
  const said = new Map(outcome.files.map((file) => [file.path, describeOutcome(file)]));
  for (const entry of actionable) {
    const text = said.get(entry.path) ?? 'kept as it is (your change; not confirmed)';
    context.out(`  ${relative(context.cwd, entry.path)}: ${text}\n`);
  }
  return outcome.files.some((file) => file.kind === 'failed') ? 1 : 0;
}

function rewindConversation(turn: ConversationTurn, options: RewindOptions, context: RewindContext): void {
  if (options.dryRun) return context.out(`The conversation would be cut to before turn ${turn.turn}.\n`);
  context.rewind.rewindConversation(options.resume, turn);
  context.out(
    `Conversation rewound to before turn ${turn.turn}. Your message then was:\n  ${turn.prompt.replace(/\n/g, '\n  ')}\n`,
  );
}

/**
 * `--rewind` and `--fork-session` for a saved session: lists turns, restores the files changed
 * since a turn's checkpoint (plan printed first; the person's later changes kept unless confirmed),
 * cuts the conversation there, or forks it into a new session.
 */
export async function runRewind(options: RewindOptions, context: RewindContext): Promise<RewindResult> {
  const same = (code: number): RewindResult => ({ code, sessionId: options.resume });
  const fail = (message: string): RewindResult => {
    context.out(`${message}\n`);
    return same(1);
  };
  if (options.rewind === 'list') {
    const listed = await context.rewind.turns(options.resume);
    if (!listed.ok) return fail(listed.message);
    listTurns(listed.turns, context, options.outputFormat === 'json');
    return same(0);
  }
  const found =
    options.rewind === undefined ? undefined : context.rewind.turn(options.resume, options.rewind);
  if (found && !found.ok) return fail(`${found.message} See --rewind list.`);
  const turn = found?.turn;
  if (options.forkSession) {
    const forked = context.rewind.fork(options.resume, turn);
    if (!forked.ok) return fail(forked.message);
    context.out(
      `Forked into session ${forked.sessionId} (${forked.messageCount} messages); files left as they are.\n`,
    );
    return { code: 0, sessionId: forked.sessionId };
  }
  if (!turn) return same(0);
  const code = options.rewindConversation ? 0 : await restoreFiles(turn.turn, options, context);
  if (!options.rewindFiles && code === 0) rewindConversation(turn, options, context);
  return same(code);
}
