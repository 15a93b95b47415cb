/**
 * Whether a turn costs the same at turn 1,000 as at turn 1: Tandem beside the real Claude Code CLI,
 * headless against one scripted model server, through a session of 1,000 tiny turns (each reads a
 * one-line file). The gap of a turn is the agent's own time: from the end of the server's answer
 * to the arrival of the next request (running the tool, recording the turn, building and sending
 * the request). Prints the median gap over turns 1–50 and 950–1,000. Run with `npm run bench`
 * (builds first), or `npx tsx bench/long-session.ts [turns]` after a build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { formatFigure, isMainLoopBody, peerAgents, runAgent } from './peer-agents';

const turns = Number(process.argv[2] ?? 1_000);
const window = 50;
const noteName = (turn: number) => join('notes', `n-${String(turn).padStart(4, '0')}.txt`);

interface Measurement {
  /** Gap before each main-loop request after the first, ms, in order. */
  gaps: number[];
  requests: number;
  exitCode: number | null;
  stderr: string;
}

async function measure(agent: PeerAgent): Promise<Measurement> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  let folder = '';
  let step = 0;
  const main: RecordedRequest[] = [];
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoopBody(request.body)) return { blocks: [{ text: 'ok' }] };
    main.push(request);
    step += 1;
    if (step > turns) return { blocks: [{ text: 'All notes read.' }] };
    return { blocks: [{ toolUse: { name: 'Read', input: { file_path: join(folder, noteName(step)) } } }] };
  };
  server.enqueue(...Array.from({ length: turns + 50 }, () => dispatch));
  const run = await runAgent({
    agent,
    prompt: 'Read the notes, one at a time.',
    baseUrl: url,
    timeoutMs: 900_000,
    extraArgs: ['--max-turns', String(turns + 10)],
    prepare: (project) => {
      folder = project;
      mkdirSync(join(project, 'notes'));
      for (let turn = 1; turn <= turns; turn += 1)
        writeFileSync(join(project, noteName(turn)), `note ${turn}\n`);
    },
  });
  await server.close();
  const answered = new Map<number, number>();
  for (const block of server.sent) answered.set(block.requestIndex, block.stoppedAt);
  const gaps: number[] = [];
  for (let index = 1; index < main.length; index += 1) {
    const previous = server.requests.indexOf(main[index - 1]!);
    const end = answered.get(previous);
    if (end !== undefined) gaps.push(main[index]!.receivedAt - end);
  }
  return { gaps, requests: main.length, exitCode: run.exitCode, stderr: run.stderr };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const agents = peerAgents();
  const results: Measurement[] = [];
  for (const agent of agents) {
    const result = await measure(agent);
    if (result.exitCode !== 0)
      process.stderr.write(`${agent.name} exited ${result.exitCode}: ${result.stderr}\n`);
    results.push(result);
  }
  const early = (result: Measurement) => median(result.gaps.slice(0, window));
  const late = (result: Measurement) => median(result.gaps.slice(-window));
  const names = agents.map((agent) => agent.name);
  const row = (label: string, goal: string, pick: (result: Measurement) => string) =>
    `| ${label} | ${goal} | ${results.map(pick).join(' | ')} |`;
  const lines = [
    `| ${turns} tiny turns (one Read each) | goal | ${names.join(' | ')} |`,
    `|---|---|${names.map(() => '---').join('|')}|`,
    row('main-loop requests', '', (result) => String(result.requests)),
    row(`median gap, turns 1–${window}, ms`, '', (result) => formatFigure(early(result), 1)),
    row(`median gap, turns ${turns - window}–${turns}, ms`, '', (result) => formatFigure(late(result), 1)),
    row('late ÷ early', '≈ 1.0', (result) => formatFigure(late(result) / early(result))),
  ];
  if (results.length > 1) {
    lines.push(
      '',
      `Tandem ÷ ${names[1]}: turns 1–${window} ${formatFigure(early(results[0]!) / early(results[1]!))}, turns ${turns - window}–${turns} ${formatFigure(late(results[0]!) / late(results[1]!))}.`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
