/**
 * Tandem beside the real Claude Code CLI, both headless against one scripted model server, in one
 * run: (a) four 1-second read-only shell calls in one message, (b) three writing shell calls whose
 * blocks arrive 1 s apart, (c) the size of the system prompt plus tool definitions per request.
 * Run with `npm run bench` (builds first); Claude Code is installed into .tandem-tools/ if missing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';

const root = join(__dirname, '..');
const claudeVersion = '2.1.330';
const claudeDir = join(root, '.tandem-tools', 'claude-code');
const claudeBin = join(claudeDir, 'node_modules', '.bin', 'claude');

interface Agent {
  name: string;
  command: (prompt: string) => { file: string; args: string[] };
}

const agents: Agent[] = [
  {
    name: 'Tandem',
    command: (prompt) => ({
      file: process.execPath,
      args: [
        join(root, 'dist', 'cli.js'),
        '-p',
        prompt,
        '--permission-mode',
        'acceptEdits',
        '--allowedTools',
        'Bash',
        '--output-format',
        'json',
      ],
    }),
  },
  {
    name: `Claude Code ${claudeVersion}`,
    command: (prompt) => ({
      file: claudeBin,
      args: [
        '-p',
        prompt,
        '--permission-mode',
        'acceptEdits',
        '--allowedTools',
        'Bash',
        'Read',
        'Edit',
        'Write',
        '--output-format',
        'json',
      ],
    }),
  },
];

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

function isMainLoop(request: RecordedRequest): boolean {
  const tools = (request.body as { tools?: { name?: string }[] } | undefined)?.tools ?? [];
  return tools.some((tool) => tool.name === 'Bash');
}

interface Measurement {
  turnMs: number;
  promptTokens: number;
  exitCode: number | null;
  stderr: string;
}

async function measure(agent: Agent, scenario: Scenario): Promise<Measurement> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const mainRequests: RecordedRequest[] = [];
  const steps = [...scenario.steps];
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoop(request)) return { blocks: [{ text: 'ok' }] };
    mainRequests.push(request);
    return steps.shift() ?? { blocks: [{ text: 'done' }] };
  };
  server.enqueue(...Array.from({ length: 40 }, () => dispatch));
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-bench-')));
  execFileSync('git', ['init', '-q'], { cwd: folder });
  writeFileSync(join(folder, 'README.md'), '# bench project\n');
  const { file, args } = agent.command(scenario.prompt);
  const home = join(folder, '.home');
  mkdirSync(home);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TANDEM_HOME: join(home, '.tandem'),
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  };
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(file, args, { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, stderr: errors });
    });
  });
  await server.close();
  rmSync(folder, { recursive: true, force: true });
  const [first, second] = mainRequests;
  const body = first?.body as { system?: unknown; tools?: unknown } | undefined;
  const promptChars = JSON.stringify(body?.system ?? '').length + JSON.stringify(body?.tools ?? []).length;
  return {
    turnMs: first && second ? second.receivedAt - first.receivedAt : Number.NaN,
    promptTokens: Math.round(promptChars / 4),
    exitCode: code,
    stderr: stderr.slice(-500),
  };
}

function ensureClaudeCode(): boolean {
  if (existsSync(claudeBin)) return true;
  try {
    mkdirSync(claudeDir, { recursive: true });
    writeFileSync(join(claudeDir, 'package.json'), '{"name":"tandem-bench-peers","private":true}\n');
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--save-exact', `@anthropic-ai/claude-code@${claudeVersion}`],
      {
        cwd: claudeDir,
        stdio: 'ignore',
      },
    );
    return existsSync(claudeBin);
  } catch {
    return false;
  }
}

const format = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

async function main(): Promise<void> {
  const runners = ensureClaudeCode() ? agents : agents.slice(0, 1);
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
