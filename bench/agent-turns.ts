/**
 * Tandem beside the real Claude Code CLI, both headless against one scripted model server, in one
 * run: (a) four 1-second read-only shell calls in one message, (b) three writing shell calls whose
 * blocks arrive 1 s apart, (c) the size of the system prompt plus tool definitions per request.
 * Run with `npm run bench` (builds first); Claude Code is installed into .tandem-tools/ if missing.
 */
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { formatFigure as format, isMainLoopBody, peerAgents, runAgent } from './peer-agents';

interface Scenario {
  name: string;
  prompt: string;
  /** The main-loop replies in order; side requests (titles, quota checks) get a short text. */
  steps: ScriptedOutcome[];
}

const scenarios: Scenario[] = [
  {
    name: 'a',
    prompt: 'Run the four checks.',
    steps: [
      {
        blocks: [1, 2, 3, 4].map((n) => ({
          toolUse: {
            name: 'Bash',
            input: { command: `sleep 1 && echo check${n}`, description: `check ${n}` },
          },
        })),
      },
      { blocks: [{ text: 'All four checks passed.' }] },
    ],
  },
  {
    name: 'b',
    prompt: 'Write the three steps.',
    steps: [
      {
        blocks: [1, 2, 3].map((n, index) => ({
          toolUse: {
            name: 'Bash',
            input: { command: `sleep 1; echo step${n} >> steps.txt`, description: `step ${n}` },
          },
          delayMs: index === 0 ? 0 : 1_000,
        })),
      },
      { blocks: [{ text: 'Three steps written.' }] },
    ],
  },
];

interface Measurement {
  turnMs: number;
  promptTokens: number;
  exitCode: number | null;
  stderr: string;
}

async function measure(agent: PeerAgent, scenario: Scenario): Promise<Measurement> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const mainRequests: RecordedRequest[] = [];
  const steps = [...scenario.steps];
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoopBody(request.body)) return { blocks: [{ text: 'ok' }] };
    mainRequests.push(request);
    return steps.shift() ?? { blocks: [{ text: 'done' }] };
  };
  server.enqueue(...Array.from({ length: 40 }, () => dispatch));
  const { exitCode, stderr } = await runAgent({ agent, prompt: scenario.prompt, baseUrl: url });
  await server.close();
  const [first, second] = mainRequests;
  const body = first?.body as { system?: unknown; tools?: unknown } | undefined;
  const promptChars = JSON.stringify(body?.system ?? '').length + JSON.stringify(body?.tools ?? []).length;
  return {
    turnMs: first && second ? second.receivedAt - first.receivedAt : Number.NaN,
    promptTokens: Math.round(promptChars / 4),
    exitCode,
    stderr,
  };
}

async function main(): Promise<void> {
  const runners = peerAgents();
  const rows: Record<string, Record<string, Measurement>> = {};
  for (const scenario of scenarios) {
    for (const agent of runners) {
      const result = await measure(agent, scenario);
      (rows[scenario.name] ??= {})[agent.name] = result;
      if (result.exitCode !== 0)
        process.stderr.write(
          `${agent.name} scenario ${scenario.name} exited ${result.exitCode}: ${result.stderr}\n`,
        );
    }
  }
  const names = runners.map((agent) => agent.name);
  const cell = (scenario: string, agent: string, pick: (m: Measurement) => string) => {
    const measurement = rows[scenario]?.[agent];
    return measurement ? pick(measurement) : 'n/a';
  };
  const lines = [
    `| measure | goal | ${names.join(' | ')} |`,
    `|---|---|${names.map(() => '---').join('|')}|`,
    `| (a) 4 × 1 s read-only shell calls: turn ÷ 1 s | ≤ 1.1 | ${names.map((n) => cell('a', n, (m) => format(m.turnMs / 1_000))).join(' | ')} |`,
    `| (b) 3 writing calls streamed 1 s apart: turn ÷ (stream 2 s + last call 1 s) | ≈ 1.0 | ${names.map((n) => cell('b', n, (m) => format(m.turnMs / 3_000))).join(' | ')} |`,
    `| (b) turn wall time, s | ≈ 3 | ${names.map((n) => cell('b', n, (m) => format(m.turnMs / 1_000))).join(' | ')} |`,
    `| (c) system prompt + tool definitions, est. tokens (chars ÷ 4) | ≤ 6,000 | ${names.map((n) => cell('a', n, (m) => m.promptTokens.toLocaleString('en-US'))).join(' | ')} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
