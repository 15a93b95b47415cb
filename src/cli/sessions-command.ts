import { parseArgs } from 'node:util';
import { silentLogger } from '../core/ports';
import { sessionToMarkdown } from '../core/session/session-markdown';
import { projectRootOf } from '../node/agent/prompt-environment';
import { projectSessionsDirectory } from '../node/project/project-directory';
import type { SessionSummary } from '../node/session/jsonl-transcript-store';
import { JsonlTranscriptStore } from '../node/session/jsonl-transcript-store';
import { searchSessions } from '../node/session/session-search';

export const sessionsUsage = `Usage: tandem sessions [list] [--json]     this project's sessions, newest first
       tandem sessions search <text> [--json]  sessions whose title or conversation contains <text>
       tandem sessions show <id>               a session as Markdown (export)
       tandem sessions rename <id> <title>
       tandem sessions delete <id>
Continue one with: tandem --resume <id> -p "…"  (or --continue for the newest)`;

/** Where the command runs and writes. */
export interface SessionsCommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  out(text: string): void;
  err(text: string): void;
}

/** The store of the project around `cwd`, as `tandem -p` saves into it. */
export async function projectStore(
  context: Omit<SessionsCommandContext, 'out' | 'err'>,
): Promise<JsonlTranscriptStore> {
  const projectRoot = await projectRootOf(context.cwd);
  return new JsonlTranscriptStore(
    projectSessionsDirectory({ projectRoot, env: context.env, homeDir: context.homeDir }),
    silentLogger,
  );
}

/**
 * `tandem sessions …` (argv after `sessions`): lists, searches, shows, renames and deletes this
 * project's saved sessions. Returns the exit code: 0, 1 when the session is missing, 2 for usage.
 */
export async function runSessionsCommand(
  argv: readonly string[],
  context: SessionsCommandContext,
): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    context.err(
      `tandem sessions: ${error instanceof Error ? error.message : String(error)}\n\n${sessionsUsage}\n`,
    );
    return 2;
  }
  const [action = 'list', ...rest] = positionals;
  if (values.help) {
    context.out(`${sessionsUsage}\n`);
    return 0;
  }
  const store = await projectStore(context);
  const json = values.json === true;
  switch (action) {
    case 'list':
      printSessions(store.list(), json, context);
      return 0;
    case 'search': {
      const matches = await searchSessions(store, rest.join(' '));
      if (json)
        context.out(
          `${JSON.stringify(matches.map((match) => ({ ...row(match.session), match: match.snippet })))}\n`,
        );
      else for (const match of matches) context.out(`${line(match.session)}\n    ${match.snippet}\n`);
      return 0;
    }
    case 'show':
      return show(store, rest[0], context);
    case 'rename': {
      const [id, ...title] = rest;
      if (id === undefined || title.length === 0)
        return usageError('rename needs an id and a title', context);
      if (!store.rename(id, title.join(' '))) return missing(id, context);
      context.out(`Renamed ${id}.\n`);
      return 0;
    }
    case 'delete':
      if (rest[0] === undefined) return usageError('delete needs an id', context);
      if (!store.delete(rest[0])) return missing(rest[0], context);
      context.out(`Deleted ${rest[0]}.\n`);
      return 0;
    default:
      return usageError(`unknown action "${action}"`, context);
  }
}

function show(store: JsonlTranscriptStore, id: string | undefined, context: SessionsCommandContext): number {
  if (id === undefined) return usageError('show needs an id', context);
  const restored = JsonlTranscriptStore.isValidSessionId(id) ? store.load(id) : undefined;
  const summary = store.summary(id);
  if (!restored || !summary) return missing(id, context);
  context.out(
    sessionToMarkdown(restored.messages, {
      title: summary.title ?? 'Untitled session',
      ...(summary.summary.createdAt === undefined ? {} : { startedAt: summary.summary.createdAt }),
      ...(summary.summary.model === undefined ? {} : { model: summary.summary.model }),
      ...(restored.cwd === undefined ? {} : { cwd: restored.cwd }),
    }),
  );
  return 0;
}

function printSessions(
  sessions: readonly SessionSummary[],
  json: boolean,
  context: SessionsCommandContext,
): void {
  if (json) {
    context.out(`${JSON.stringify(sessions.map(row))}\n`);
    return;
  }
  if (sessions.length === 0) context.out('No saved sessions in this project.\n');
  for (const session of sessions) context.out(`${line(session)}\n`);
}

function row(session: SessionSummary): Record<string, unknown> {
  return {
    session_id: session.sessionId,
    title: session.title ?? null,
    updated_at: new Date(session.updatedAt).toISOString(),
    messages: session.summary.messageCount,
    interrupted: session.summary.interrupted,
  };
}

function line(session: SessionSummary): string {
  const when = new Date(session.updatedAt).toISOString().replace('T', ' ').slice(0, 16);
  const note = session.summary.interrupted ? ' (interrupted)' : '';
  return `${session.sessionId}  ${when}  ${session.title ?? 'Untitled session'}${note}`;
}

function missing(id: string, context: SessionsCommandContext): number {
  context.err(`tandem sessions: no saved session with id ${id} in this project.\n`);
  return 1;
}

function usageError(message: string, context: SessionsCommandContext): number {
  context.err(`tandem sessions: ${message}\n\n${sessionsUsage}\n`);
  return 2;
}
