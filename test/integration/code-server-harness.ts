/**
 * Runs real VS Code offline: code-server (installed by scripts/install-code-server.sh) on a free
 * 127.0.0.1 port with fresh user-data and extensions folders, and headless Debian Chromium driven
 * by playwright-core. Shared by the integration launcher and the e2e tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** The repository root (this file lives in test/integration). */
export const repositoryRoot = resolve(__dirname, '..', '..');

/** Debian's chromium; never a Playwright-downloaded browser (no network). */
export const chromiumPath = process.env['TANDEM_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags checked to work in these containers (see VSCODE-OFFLINE.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Settings every test instance starts with: no trust modal (it blocks every click), no welcome page. */
export const defaultUserSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
};

/** Installs code-server if needed (idempotent, cached in .tandem-tools/) and returns its binary. */
export function ensureCodeServer(): string {
  const result = spawnSync('bash', [join(repositoryRoot, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const binary = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !existsSync(binary)) {
    throw new Error(`scripts/install-code-server.sh failed (exit ${String(result.status)})`);
  }
  return binary;
}

/** A free TCP port on 127.0.0.1 (released just before code-server binds it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface CodeServerOptions {
  binary: string;
  /** Folder opened in the workbench. */
  workspace: string;
  /** Fresh temporary folders by default. */
  userDataDir?: string;
  extensionsDir?: string;
  /** Extra settings merged over `defaultUserSettings`. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
  port?: number;
  /** Echo server output to stderr. */
  verbose?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** The server's process id, which is also its process group: its extension host runs in that group. */
  readonly pid: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Kills the server's whole process group. */
  stop(): Promise<void>;
}

/** Writes `<userDataDir>/User/settings.json`. */
export async function writeUserSettings(
  userDataDir: string,
  settings: Record<string, unknown>,
): Promise<void> {
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export function installExtension(binary: string, extensionsDir: string, vsix: string): void {
  const result = spawnSync(
    binary,
    ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Starts code-server and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'tandem-cs-user-')));
  const extensionsDir = options.extensionsDir ?? (await mkdtemp(join(tmpdir(), 'tandem-cs-ext-')));
  await writeUserSettings(userDataDir, { ...defaultUserSettings, ...options.settings });
  const port = options.port ?? (await findFreePort());
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    options.workspace,
  ];
  const child = spawn(options.binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (options.verbose) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child, () => output);
  return {
    url,
    port,
    pid: child.pid ?? 0,
    userDataDir,
    extensionsDir,
    output: () => output,
    stop: () => killGroup(child),
  };
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
  }
  throw new Error(`code-server did not answer ${url} within 60 s:\n${output()}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** Headless Chromium from Debian with a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** The workbench URL that loads an extension under development and runs its tests module. */
export function extensionTestUrl(options: {
  server: CodeServer;
  workspace: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
}): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${options.server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(options.extensionTestsPath)],
  ];
  return `${options.server.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(
    JSON.stringify(payload),
  )}`;
}
