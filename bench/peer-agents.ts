/**
 * The agents a bench runs side by side — Tandem's built CLI and the real Claude Code CLI — and how to
 * run one of them headless against a scripted model server in a fresh git project.
 */
import { execFileSync, spawn } from 'node:child_process';
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
import { performance } from 'node:perf_hooks';

const root = join(__dirname, '..');
const claudeVersion = readClaudeVersion();
const claudeBin = join(root, '.tandem-tools', 'claude-code', 'node_modules', '.bin', 'claude');

/** The peer's version, pinned in one place: tools/claude-code/package.json. */
function readClaudeVersion(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(join(root, 'tools', 'claude-code', 'package.json'), 'utf8'),
  );
  const version = (manifest as { dependencies?: Record<string, unknown> }).dependencies?.[
    '@anthropic-ai/claude-code'
  ];
  return typeof version === 'string' ? version : 'unknown';
}

/** One agent under test: its column name and its headless command line. */
export interface PeerAgent {
  name: string;
  command: (prompt: string) => { file: string; args: string[] };
}

const tandem: PeerAgent = {
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
};

const claudeCode: PeerAgent = {
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
};

/** Tandem, then Claude Code when it is installed (or can be, into .tandem-tools/). */
export function peerAgents(): PeerAgent[] {
  return ensureClaudeCode() ? [tandem, claudeCode] : [tandem];
}

/** How one headless run ended; `wallMs` is from spawn to exit. */
export interface AgentRun {
  exitCode: number | null;
  stderr: string;
  wallMs: number;
}

/** What {@link runAgent} needs: the server's base URL and what to do in the project before and after. */
export interface AgentRunOptions {
  agent: PeerAgent;
  prompt: string;
  baseUrl: string;
  /** Killed past this; default 120 s. */
  timeoutMs?: number;
  /** Inspects the project folder after the agent exited, before it is deleted. */
  inspect?: (folder: string) => void;
}

/**
 * Runs the agent headless in a new git project with a clean home, pointed at the scripted server.
 * The folder is removed afterwards; `inspect` sees it first.
 */
export async function runAgent(options: AgentRunOptions): Promise<AgentRun> {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-bench-')));
  execFileSync('git', ['init', '-q'], { cwd: folder });
  writeFileSync(join(folder, 'README.md'), '# bench project\n');
  const home = join(folder, '.home');
  mkdirSync(home);
  const { file, args } = options.agent.command(options.prompt);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TANDEM_HOME: join(home, '.tandem'),
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  };
  const started = performance.now();
  const run = await new Promise<Omit<AgentRun, 'wallMs'>>((resolve) => {
    const child = spawn(file, args, { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stderr: errors.slice(-500) });
    });
  });
  const wallMs = performance.now() - started;
  options.inspect?.(folder);
  rmSync(folder, { recursive: true, force: true });
  return { ...run, wallMs };
}

function ensureClaudeCode(): boolean {
  if (existsSync(claudeBin)) return true;
  try {
    execFileSync('bash', [join(root, 'scripts', 'install-claude-code.sh')], { stdio: 'ignore' });
    return existsSync(claudeBin);
  } catch {
    return false;
  }
}

/** The main agent loop's requests offer Bash; side requests (titles, quota checks) do not. */
export function isMainLoopBody(body: unknown): boolean {
  const tools = (body as { tools?: { name?: string }[] } | undefined)?.tools ?? [];
  return tools.some((tool) => tool.name === 'Bash');
}

/** A figure with `digits` decimals, or `n/a` when it could not be measured. */
export function formatFigure(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
