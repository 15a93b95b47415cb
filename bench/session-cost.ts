/**
 * What a session's input costs, Tandem beside the real Claude Code CLI, both headless against one
 * scripted model server that emulates Anthropic's prompt caching from their `cache_control`
 * breakpoints (prefix hashes, 20-block lookback, 1,024-token minimum). Two sessions: twenty Reads,
 * one file per turn; and fifty turns of Reads, Edits and shell calls over the same project. Cost is
 * in uncached-token equivalents: plain input + 1.25 × cache writes + 0.1 × cache reads, summed over
 * every model request of the session. Run with `npm run bench` (builds first), or
 * `npx tsx bench/session-cost.ts` after a build.
 */
import { join } from 'node:path';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { isMainLoopBody, peerAgents, runAgent } from './peer-agents';
import type { CompactionFigures, SessionFigures } from './session-figures';
import { compactionFigures, formatTokens, sessionFigures } from './session-figures';
import { modulePath, versionLine, writeModules } from './session-files';

/** A scripted session: the prompt, and the main loop's answers given the project folder. */
interface Session {
  name: string;
  prompt: string;
  steps(folder: string): ScriptedOutcome[];
}

/** The window of the model both run (claude-sonnet-4-6). */
const contextWindow = 200_000;

const read = (folder: string, index: number): ScriptedOutcome => ({
  blocks: [{ toolUse: { name: 'Read', input: { file_path: join(folder, modulePath(index)) } } }],
});

const bash = (command: string, description: string): ScriptedOutcome => ({
  blocks: [{ toolUse: { name: 'Bash', input: { command, description } } }],
});

const readTwenty: Session = {
  name: '20 reads',
  prompt: 'Read the twenty modules in src/, one at a time.',
  steps: (folder) => [
    ...Array.from({ length: 20 }, (_, index) => read(folder, index + 1)),
    { blocks: [{ text: 'I read all twenty modules.' }] },
  ],
};

/** Ten rounds of five turns: read two modules, edit the first, list the second's exports, count lines. */
const fiftyTurns: Session = {
  name: '50 turns',
  prompt: 'Bump the version of every odd module and look at its neighbour.',
  steps: (folder) => {
    const steps: ScriptedOutcome[] = [];
    for (let round = 0; round < 10; round += 1) {
      const first = 2 * round + 1;
      const second = first + 1;
      steps.push(read(folder, first), read(folder, second), {
        blocks: [
          {
            toolUse: {
              name: 'Edit',
              input: {
                file_path: join(folder, modulePath(first)),
                old_string: versionLine(first, 1),
                new_string: versionLine(first, 2),
              },
            },
          },
        ],
      });
      steps.push(
        bash(`grep -n "export" ${modulePath(second)}`, 'List the exports'),
        bash(`wc -l ${modulePath(first)} ${modulePath(second)}`, 'Count lines'),
      );
    }
    steps.push({ blocks: [{ text: 'Every odd module is bumped.' }] });
    return steps;
  },
};

const summary: ScriptedOutcome = {
  blocks: [
    { text: '<summary>The person asked to bump the odd modules; the rounds so far are done.</summary>' },
  ],
};

/**
 * A summary request: one without the main loop's tools (Tandem's summary call), or a main-loop
 * request whose last block, after the tool results, asks for a summary (Claude Code sends its
 * summary request over the same prefix, with the instructions appended).
 */
function asksForSummary(request: RecordedRequest): boolean {
  if (!isMainLoopBody(request.body)) return true;
  const last = (request.body as { messages?: { content?: unknown }[] }).messages?.at(-1)?.content;
  if (!Array.isArray(last)) return false;
  const blocks = last as { type?: string; text?: string }[];
  const tail = blocks.at(-1);
  return (
    blocks.some((block) => block.type === 'tool_result') &&
    tail?.type === 'text' &&
    /summar/i.test(tail.text ?? '')
  );
}

/** One run: the requests that carried usage, and which of them asked for a summary. */
interface SessionRun {
  requests: RecordedRequest[];
  summaries: number[];
}

async function measure(
  agent: PeerAgent,
  session: Session,
  env: Record<string, string> = {},
): Promise<SessionRun> {
  const server = new ScriptedModelServer({ promptCache: {} });
  const { url } = await server.start();
  let steps: ScriptedOutcome[] = [];
  const summaries = new Set<RecordedRequest>();
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (asksForSummary(request)) {
      summaries.add(request);
      return summary;
    }
    return steps.shift() ?? { blocks: [{ text: 'done' }] };
  };
  server.enqueue(...Array.from({ length: 200 }, () => dispatch));
  const run = await runAgent({
    agent,
    prompt: session.prompt,
    baseUrl: url,
    env,
    extraArgs: ['--max-turns', '100'],
    prepare: (folder) => {
      writeModules(folder);
      steps = session.steps(folder);
    },
  });
  await server.close();
  if (run.exitCode !== 0)
    process.stderr.write(`${agent.name} ${session.name} exited ${run.exitCode}: ${run.stderr}\n`);
  if (steps.length > 0) process.stderr.write(`${agent.name} ${session.name}: ${steps.length} steps left\n`);
  const requests = server.modelRequests.filter((request) => request.usage !== undefined);
  return {
    requests,
    summaries: requests.flatMap((request, index) => (summaries.has(request) ? [index] : [])),
  };
}

/**
 * The same 50 turns with auto-compaction set (CLAUDE_AUTOCOMPACT_PCT_OVERRIDE, which both read) at
 * the size the agent's own context reached at request 30 without it: each compacts once it has
 * grown about as far, whatever its fixed prompt.
 */
async function measureCompacting(agent: PeerAgent, uncompacted: SessionRun): Promise<SessionRun> {
  const target = sessionFigures(uncompacted.requests).totals[29] ?? 0;
  const percent = ((100 * target) / contextWindow).toFixed(1);
  return measure(agent, fiftyTurns, { CLAUDE_AUTOCOMPACT_PCT_OVERRIDE: percent });
}

async function main(): Promise<void> {
  const agents = peerAgents();
  const sessions = [readTwenty, fiftyTurns];
  const runs = new Map<string, SessionRun[]>();
  for (const session of sessions) {
    const columns: SessionRun[] = [];
    for (const agent of agents) columns.push(await measure(agent, session));
    runs.set(session.name, columns);
  }
  const compacting: SessionRun[] = [];
  for (const [index, agent] of agents.entries())
    compacting.push(await measureCompacting(agent, runs.get(fiftyTurns.name)![index]!));
  const names = agents.map((agent) => agent.name);
  const lines = [
    ...costTable(names, sessions, (session) =>
      (runs.get(session.name) ?? []).map((run) => sessionFigures(run.requests)),
    ),
    '',
    'Total input tokens per request as the 50-turn session grows:',
    '',
    ...growthTable(
      names,
      (runs.get(fiftyTurns.name) ?? []).map((run) => sessionFigures(run.requests).totals),
    ),
    '',
    'The 50-turn session compacting once it has grown as far as at request 30 (the first compaction):',
    '',
    ...compactionTable(names, compacting),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function costTable(
  names: string[],
  sessions: Session[],
  figuresOf: (session: Session) => SessionFigures[],
): string[] {
  const ratio = names.length > 1 ? ' | Tandem ÷ Claude Code' : '';
  const lines = [
    `| session: measure | goal | ${names.join(' | ')}${ratio} |`,
    `|---|---|${names.map(() => '---').join('|')}|${ratio ? '---|' : ''}`,
  ];
  for (const session of sessions) {
    const columns = figuresOf(session);
    const row = (measure: string, goal: string, pick: (figures: SessionFigures) => number, digits = 0) => {
      const values = columns.map(pick);
      const cells = values.map((value) => (digits === 0 ? formatTokens(value) : value.toFixed(digits)));
      const divided = values.length > 1 ? ` | ${(values[0]! / values[1]!).toFixed(2)}` : '';
      lines.push(`| ${session.name}: ${measure} | ${goal} | ${cells.join(' | ')}${divided} |`);
    };
    row('input cost, uncached-token equivalents', '≤ 0.5× Claude Code', (f) => f.cost);
    row('model requests', '', (f) => f.requests);
    row('cache-read share of input', '', (f) => f.readShare, 3);
    row('largest uncached part of a request after the first, tokens', '', (f) => f.largestUncached);
    row(
      'worst uncached part ÷ the newest turn, after the first request',
      '≤ 1.00',
      (f) => f.worstUncachedPerNewTurn,
      2,
    );
  }
  return lines;
}

function growthTable(names: string[], totals: number[][]): string[] {
  const lines = [`| request | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`];
  for (const mark of [1, 10, 20, 30, 40, 50])
    lines.push(
      `| ${mark} | ${totals.map((column) => formatTokens(column[mark - 1] ?? Number.NaN)).join(' | ')} |`,
    );
  return lines;
}

function compactionTable(names: string[], runs: SessionRun[]): string[] {
  const figures: (CompactionFigures | undefined)[] = runs.map((run) =>
    compactionFigures(run.requests, run.summaries),
  );
  const cell = (pick: (figures: CompactionFigures) => number) =>
    figures.map((figure) => (figure ? formatTokens(pick(figure)) : 'none')).join(' | ');
  const whole = runs.map((run) => formatTokens(sessionFigures(run.requests).cost)).join(' | ');
  return [
    `| measure | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    `| compactions in the session | ${cell((f) => f.compactions)} |`,
    `| first compaction at request | ${cell((f) => f.at + 1)} |`,
    `| summary request: input tokens / uncached / cost | ${figures.map((f) => (f ? stepCells(f.summary) : 'none')).join(' | ')} |`,
    `| the request after it | ${figures.map((f) => (f?.next ? stepCells(f.next) : 'none')).join(' | ')} |`,
    `| and the one after that | ${figures.map((f) => (f?.after ? stepCells(f.after) : 'none')).join(' | ')} |`,
    `| whole session: input cost, uncached-token equivalents | ${whole} |`,
  ];
}

function stepCells(step: CompactionFigures['summary']): string {
  return `${formatTokens(step.total)} / ${formatTokens(step.uncached)} / ${formatTokens(step.cost)}`;
}

void main();
