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
import type { SessionFigures } from './session-figures';
import { formatTokens, sessionFigures } from './session-figures';
import { modulePath, versionLine, writeModules } from './session-files';

/** A scripted session: the prompt, and the main loop's answers given the project folder. */
interface Session {
  name: string;
  prompt: string;
  steps(folder: string): ScriptedOutcome[];
}

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

async function measure(agent: PeerAgent, session: Session): Promise<SessionFigures> {
  const server = new ScriptedModelServer({ promptCache: {} });
  const { url } = await server.start();
  let steps: ScriptedOutcome[] = [];
  const dispatch = (request: RecordedRequest): ScriptedOutcome =>
    isMainLoopBody(request.body)
      ? (steps.shift() ?? { blocks: [{ text: 'done' }] })
      : { blocks: [{ text: 'ok' }] };
  server.enqueue(...Array.from({ length: 200 }, () => dispatch));
  const run = await runAgent({
    agent,
    prompt: session.prompt,
    baseUrl: url,
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
  return sessionFigures(server.modelRequests);
}

async function main(): Promise<void> {
  const agents = peerAgents();
  const sessions = [readTwenty, fiftyTurns];
  const figures = new Map<string, SessionFigures[]>();
  for (const session of sessions) {
    const columns: SessionFigures[] = [];
    for (const agent of agents) columns.push(await measure(agent, session));
    figures.set(session.name, columns);
  }
  const names = agents.map((agent) => agent.name);
  const ratio = names.length > 1 ? ' | Tandem ÷ Claude Code' : '';
  const lines = [
    `| session: measure | goal | ${names.join(' | ')}${ratio} |`,
    `|---|---|${names.map(() => '---').join('|')}|${ratio ? '---|' : ''}`,
  ];
  for (const session of sessions) {
    const columns = figures.get(session.name) ?? [];
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
  lines.push('', 'Total input tokens per request as the 50-turn session grows:', '');
  const growth = figures.get(fiftyTurns.name) ?? [];
  const marks = [1, 10, 20, 30, 40, 50];
  lines.push(`| request | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
  for (const mark of marks) {
    lines.push(
      `| ${mark} | ${growth.map((f) => formatTokens(f.totals[mark - 1] ?? Number.NaN)).join(' | ')} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
