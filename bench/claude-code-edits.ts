/**
 * Runs edit-corpus cases through the real Claude Code CLI, headless against the scripted model
 * server: the scripted model Reads the file, then sends one Edit with the case's perturbed strings,
 * then ends the turn. The verdict is read from the file left on disk. Requests Claude Code makes
 * besides its main loop (titles, quota checks, summaries) get a short text answer.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedModelServer } from '../test/support/scripted-model-server';
import type { RecordedRequest, ScriptedOutcome } from '../test/support/scripted-turn';

/** The Claude Code version the benchmarks pin, installed under .tandem-tools/. */
export const claudeCodeVersion = '2.1.330';
const claudeBin = join(__dirname, '..', '.tandem-tools', 'claude-code', 'node_modules', '.bin', 'claude');

/** One file edit for the CLI: the file as it starts, the Edit to send, the content that counts as right. */
export interface PeerEdit {
  fileName: string;
  content: string;
  oldString: string;
  newString: string;
  replaceAll: boolean;
  /** The only acceptable content after the turn; the original content for a case that must be refused. */
  expected: string;
  expectRefusal: boolean;
}

/** How the CLI did on one edit; `failure` is set when the run itself broke (then the verdict is not counted). */
export interface PeerVerdict {
  verdict: 'right' | 'wrongly-refused' | 'wrongly-written';
  /** What Claude Code's Edit told the model, for the failures list. */
  editResult: string;
  failure?: string;
}

/** True when the pinned Claude Code CLI is installed. */
export function claudeCodeAvailable(): boolean {
  return existsSync(claudeBin);
}

function isMainLoop(request: RecordedRequest): boolean {
  const tools = (request.body as { tools?: { name?: string }[] } | undefined)?.tools ?? [];
  return tools.some((tool) => tool.name === 'Edit');
}

/** The text of the last tool result the CLI sent back: its Edit's answer. */
function lastToolResult(requests: readonly RecordedRequest[]): string {
  const body = requests.filter(isMainLoop).at(-1)?.body as { messages?: { content?: unknown }[] } | undefined;
  const content = body?.messages?.at(-1)?.content;
  if (!Array.isArray(content)) return '';
  const result = content.find((block: { type?: string }) => block.type === 'tool_result') as
    { content?: unknown } | undefined;
  const text = result?.content;
  if (typeof text === 'string') return text;
  return Array.isArray(text) ? text.map((part: { text?: string }) => part.text ?? '').join('') : '';
}

function script(path: string, edit: PeerEdit): ScriptedOutcome[] {
  const input: Record<string, unknown> = {
    file_path: path,
    old_string: edit.oldString,
    new_string: edit.newString,
  };
  if (edit.replaceAll) input.replace_all = true;
  return [
    { blocks: [{ toolUse: { name: 'Read', input: { file_path: path } } }] },
    { blocks: [{ toolUse: { name: 'Edit', input } }] },
    { blocks: [{ text: 'Done.' }] },
  ];
}

async function runCli(folder: string, url: string): Promise<{ code: number | null; stderr: string }> {
  const home = join(folder, '.home');
  mkdirSync(home);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  };
  const args = ['-p', 'Make the edit.', '--permission-mode', 'acceptEdits', '--allowedTools', 'Read', 'Edit'];
  return new Promise((resolve) => {
    const child = spawn(claudeBin, args, { cwd: folder, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.slice(-400) });
    });
  });
}

/** Runs one edit through Claude Code in a fresh folder and judges the file it leaves. */
export async function runClaudeCodeEdit(edit: PeerEdit): Promise<PeerVerdict> {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-edit-peer-')));
  const path = join(folder, edit.fileName);
  writeFileSync(path, edit.content);
  const server = new ScriptedModelServer();
  const { url } = await server.start();
  const steps = script(path, edit);
  let served = 0;
  server.enqueue(
    ...Array.from({ length: 30 }, () => (request: RecordedRequest): ScriptedOutcome => {
      if (!isMainLoop(request)) return { blocks: [{ text: 'ok' }] };
      served++;
      return steps.shift() ?? { blocks: [{ text: 'Done.' }] };
    }),
  );
  try {
    const run = await runCli(folder, url);
    const after = readFileSync(path, 'utf8');
    const failure =
      served < 3
        ? `the CLI stopped after ${served} model turns (exit ${run.code}): ${run.stderr}`
        : undefined;
    const verdict =
      after === edit.expected
        ? 'right'
        : after === edit.content && !edit.expectRefusal
          ? 'wrongly-refused'
          : 'wrongly-written';
    const editResult = lastToolResult(server.requests);
    return failure ? { verdict, editResult, failure } : { verdict, editResult };
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
