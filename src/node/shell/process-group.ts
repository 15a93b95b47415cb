import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How long a group gets between SIGTERM and SIGKILL, in ms. */
export const defaultKillGraceMs = 2_000;

/** `bash` from PATH (or /bin/bash), else `/bin/sh`. Looked up once per process. */
export function findShell(): string {
  cachedShell ??= lookUpShell();
  return cachedShell;
}

let cachedShell: string | undefined;

function lookUpShell(): string {
  const folders = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const candidate of [...folders.map((folder) => join(folder, 'bash')), '/bin/bash']) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return '/bin/sh';
}

/** Single quotes for the shell: `it's` → `'it'\''s'`. */
export function quoteForShell(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The environment every command sees: the parent's, with editors and pagers that never block. */
export function shellEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GIT_EDITOR: 'true', GIT_PAGER: 'cat', PAGER: 'cat', ...extra };
}

/**
 * Starts `script` with the shell in a new process group, stdin on /dev/null (or a pipe, for a shell
 * that reads its script from it), stdout and stderr piped. The caller listens for `error` (spawn
 * failures) and `exit`.
 */
export function spawnInGroup(options: {
  shell: string;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: 'ignore' | 'pipe';
}): ChildProcess {
  const child = spawn(options.shell, ['-c', options.script], {
    cwd: options.cwd,
    env: options.env,
    detached: process.platform !== 'win32',
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Sends SIGTERM to the child's whole process group, then SIGKILL after `graceMs` if the child
 * has not exited yet. Resolves once the child has exited. Never throws.
 */
export function killGroup(child: ChildProcess, graceMs: number = defaultKillGraceMs): Promise<void> {
  if (child.pid === undefined) return Promise.resolve();
  if (child.exitCode !== null || child.signalCode !== null) {
    // The shell is gone but its children may live on in the group.
    signalGroup(child, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Grandchildren that ignored SIGTERM still hold the group; don't leave them behind.
      signalGroup(child, 'SIGKILL');
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}
