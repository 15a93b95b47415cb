/**
 * An agent killed with SIGKILL while its answer streams, then resumed: how much of the answer the
 * resumed session still has. Tandem's built CLI and the real Claude Code CLI run headless against
 * one scripted server that streams a long answer 8 characters every 10 ms; each is killed after
 * the same number of deltas, then resumed with `--resume <id> -p …`, and the resumed session's
 * first request is read for the interrupted answer. Prints, per agent, the characters streamed
 * before the kill, those the resume sent back, and how old the oldest lost text was at the kill.
 * Run with `npm run bench` (builds first), or `npx tsx bench/kill-resume.ts [kills]` after a build.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findTranscripts } from '../test/support/kill-harness';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';
import type { PeerAgent } from './peer-agents';
import { formatFigure, isMainLoopBody, peerAgents } from './peer-agents';

/** Deltas streamed before the kill: about 1.5 s of answer. */
const deltasBeforeKill = 150;
const answer = Array.from({ length: 400 }, (_, index) => `Sentence ${index} of the answer. `).join('');

interface Kill {
  streamedChars: number;
  resumedChars: number;
  /** The oldest text streamed before the kill but not in the resumed session: its age at the kill, ms. */
  lostAgeMs: number;
  resumed: boolean;
}

interface WireMessage {
  role: string;
  content: string | { type: string; text?: string }[];
}

async function killOnce(agent: PeerAgent): Promise<Kill> {
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const main: RecordedRequest[] = [];
  const dispatch = (request: RecordedRequest): ScriptedOutcome => {
    if (!isMainLoopBody(request.body)) return { blocks: [{ text: 'ok' }] };
    main.push(request);
    return main.length === 1
      ? { blocks: [{ text: answer }], chunk: { tokens: 2, delayMs: 10 } }
      : { blocks: [{ text: 'Resumed.' }] };
  };
  server.enqueue(...Array.from({ length: 50 }, () => dispatch));
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-kill-bench-')));
  try {
    execFileSync('git', ['init', '-q'], { cwd: folder });
    writeFileSync(join(folder, 'README.md'), '# bench project\n');
    const home = join(folder, '.home');
    mkdirSync(home);
    const env = environment(home, url);
    const first = start(agent, 'Explain the project at length.', [], folder, env);
    const mainIndex = () => (main[0] ? server.requests.indexOf(main[0]) : -1);
    const sent = () => server.deltas.filter((delta) => delta.requestIndex === mainIndex());
    await until(() => sent().length >= deltasBeforeKill, first);
    first.kill('SIGKILL');
    const killedAt = performance.now();
    const streamed = sent();
    await new Promise((resolve) => first.once('close', resolve));
    const transcripts = findTranscripts(join(home, '.claude', 'projects')).concat(
      findTranscripts(join(home, '.tandem')),
    );
    const sessionId = transcripts[0]
      ?.split('/')
      .at(-1)
      ?.replace(/\.jsonl$/, '');
    let resumedText = '';
    let resumed = false;
    if (sessionId) {
      const second = start(agent, 'Go on.', ['--resume', sessionId], folder, env);
      await new Promise((resolve) => second.once('close', resolve));
      const body = main[1]?.body as { messages?: WireMessage[] } | undefined;
      resumed = body !== undefined;
      resumedText = (body?.messages ?? [])
        .filter((message) => message.role === 'assistant')
        .map((message) =>
          typeof message.content === 'string'
            ? message.content
            : message.content.flatMap((block) => (block.type === 'text' ? [block.text ?? ''] : [])).join(''),
        )
        .join('');
    }
    const streamedText = streamed.map((delta) => delta.piece).join('');
    const kept = answer.startsWith(resumedText) ? resumedText.length : 0;
    let offset = 0;
    const firstLost = streamed.find((delta) => {
      offset += delta.piece.length;
      return offset > kept;
    });
    return {
      streamedChars: streamedText.length,
      resumedChars: kept,
      lostAgeMs: firstLost ? killedAt - firstLost.sentAt : 0,
      resumed,
    };
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function environment(home: string, baseUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TANDEM_HOME: join(home, '.tandem'),
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  };
}

function start(
  agent: PeerAgent,
  prompt: string,
  extra: string[],
  cwd: string,
  env: Record<string, string>,
): ChildProcess {
  const { file, args } = agent.command(prompt);
  const child = spawn(file, [...args, ...extra], { cwd, env, stdio: ['ignore', 'ignore', 'ignore'] });
  setTimeout(() => child.kill('SIGKILL'), 120_000).unref();
  return child;
}

async function until(condition: () => boolean, child: ChildProcess): Promise<void> {
  while (!condition()) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error('the agent exited before the kill');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2 === 1
      ? sorted[middle]!
      : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const count = Math.max(1, Number(process.argv[2] ?? 10));
  const agents = peerAgents();
  const results = new Map<string, Kill[]>(agents.map((agent) => [agent.name, []]));
  for (let run = 0; run < count; run += 1) {
    for (const agent of agents) results.get(agent.name)!.push(await killOnce(agent));
  }
  const names = agents.map((agent) => agent.name);
  const row = (label: string, pick: (kills: Kill[]) => string) =>
    `| ${label} | ${names.map((name) => pick(results.get(name) ?? [])).join(' | ')} |`;
  const lines = [
    `| killed after ${deltasBeforeKill} deltas, ${count} times | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    row('resumed sessions', (kills) => `${kills.filter((kill) => kill.resumed).length} of ${kills.length}`),
    row('characters streamed before the kill, median', (kills) =>
      formatFigure(median(kills.map((kill) => kill.streamedChars)), 0),
    ),
    row('characters the resume sent back, median', (kills) =>
      formatFigure(median(kills.map((kill) => kill.resumedChars)), 0),
    ),
    row('share of the streamed answer kept, median', (kills) =>
      formatFigure(median(kills.map((kill) => kill.resumedChars / Math.max(1, kill.streamedChars))), 3),
    ),
    row('oldest lost text at the kill, ms, max', (kills) =>
      formatFigure(Math.max(...kills.map((kill) => kill.lostAgeMs)), 0),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
