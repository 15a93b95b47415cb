/**
 * A 20-step task under 44 injected model faults — 429 with `retry-after: 0`, 529, 500, a reset
 * mid-stream, malformed tool JSON — run headless by Tandem and by the real Claude Code CLI against
 * one scripted model server, with the same faults in the same order for both. Each step is a shell
 * call that writes one file; a step has landed when its file holds what the step wrote. Prints wall
 * time, steps landed, faults injected and requests made per agent, and the wall-time ratio.
 * Run with `npm run bench` (builds first), or `npx tsx bench/fault-task.ts [runs]` after a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { formatFigure, isMainLoopBody, peerAgents, runAgent } from './peer-agents';

const stepCount = 20;
/** Faults before each step's answer, repeated: 4 × (1 + 2 + 3 + 4 + 1) = 44, runs of up to four. */
const faultsPerStep = [1, 2, 3, 4, 1];
const faultKinds: ScriptedOutcome[] = [
  { fault: 'http', status: 429, retryAfter: 0 },
  { fault: 'http', status: 529 },
  { fault: 'http', status: 500 },
  { fault: 'reset-mid-stream', afterBlocks: 1 },
  { fault: 'malformed-tool-json', name: 'Bash' },
];

const stepName = (step: number) => `step-${String(step).padStart(2, '0')}.txt`;

/** Every main-loop request's answer, in order: each step's faults, then the step, then the summary. */
function script(): ScriptedOutcome[] {
  const outcomes: ScriptedOutcome[] = [];
  let fault = 0;
  for (let step = 1; step <= stepCount; step += 1) {
    const faults = faultsPerStep[(step - 1) % faultsPerStep.length] ?? 0;
    for (let index = 0; index < faults; index += 1, fault += 1)
      outcomes.push(faultKinds[fault % faultKinds.length]!);
    outcomes.push({
      blocks: [
        { text: `Step ${step}.` },
        {
          toolUse: {
            name: 'Bash',
            input: { command: `echo landed-${step} > ${stepName(step)}`, description: `step ${step}` },
          },
        },
      ],
    });
  }
  outcomes.push({ blocks: [{ text: `All ${stepCount} steps are done.` }] });
  return outcomes;
}

const isFault = (outcome: ScriptedOutcome): boolean => !Array.isArray(outcome) && 'fault' in outcome;

interface Measurement {
  wallMs: number;
  landed: number;
  faults: number;
  mainRequests: number;
  allRequests: number;
  exitCode: number | null;
  stderr: string;
}

async function measure(agent: PeerAgent): Promise<Measurement> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const outcomes = script();
  let faults = 0;
  let mainRequests = 0;
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoopBody(request.body)) return { blocks: [{ text: 'ok' }] };
    mainRequests += 1;
    const next = outcomes.shift() ?? { blocks: [{ text: 'done' }] };
    if (isFault(next)) faults += 1;
    return next;
  };
  server.enqueue(...Array.from({ length: 400 }, () => dispatch));
  let landed = 0;
  const run = await runAgent({
    agent,
    prompt: `Do the ${stepCount} steps, one shell command each.`,
    baseUrl: url,
    timeoutMs: 300_000,
    inspect: (folder) => {
      for (let step = 1; step <= stepCount; step += 1) {
        const path = join(folder, stepName(step));
        if (existsSync(path) && readFileSync(path, 'utf8').trim() === `landed-${step}`) landed += 1;
      }
    },
  });
  await server.close();
  return { ...run, landed, faults, mainRequests, allRequests: server.requests.length };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const runs = Math.max(1, Number(process.argv[2] ?? 1));
  const agents = peerAgents();
  const results = new Map<string, Measurement[]>(agents.map((agent) => [agent.name, []]));
  // Alternate the agents so a drift in machine speed hits both alike.
  for (let run = 0; run < runs; run += 1) {
    for (const agent of agents) {
      const result = await measure(agent);
      results.get(agent.name)!.push(result);
      if (result.exitCode !== 0)
        process.stderr.write(`${agent.name} exited ${result.exitCode}: ${result.stderr}\n`);
    }
  }
  const names = agents.map((agent) => agent.name);
  const row = (label: string, goal: string, pick: (runs: Measurement[]) => string) =>
    `| ${label} | ${goal} | ${names.map((name) => pick(results.get(name) ?? [])).join(' | ')} |`;
  const wall = (name: string) => median((results.get(name) ?? []).map((result) => result.wallMs));
  const lines = [
    `| measure (median of ${runs}) | goal | ${names.join(' | ')} |`,
    `|---|---|${names.map(() => '---').join('|')}|`,
    row('wall time, s', '≤ 60', (runs) => formatFigure(median(runs.map((r) => r.wallMs)) / 1_000, 1)),
    row(`steps landed (of ${stepCount})`, String(stepCount), (runs) => runs.map((r) => r.landed).join(', ')),
    row('faults injected', '44', (runs) => runs.map((r) => r.faults).join(', ')),
    row('main-loop requests', '65', (runs) => runs.map((r) => r.mainRequests).join(', ')),
    row('all requests', '', (runs) => runs.map((r) => r.allRequests).join(', ')),
  ];
  if (names.length === 2)
    lines.push(
      `| wall time ÷ ${names[1]} | ≤ 0.5 | ${formatFigure(wall(names[0]!) / wall(names[1]!))} | 1.00 |`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
