import { randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { BackgroundShell, Shell, ShellRunOptions, ShellRunResult } from '../../core/ports';
import { wholeText } from '../../core/text/cut-middle';
import { NodeBackgroundShell } from './node-background-shell';
import { OutputBuffer } from './output-buffer';
import {
  defaultKillGraceMs,
  findShell,
  killGroup,
  quoteForShell,
  shellEnvironment,
  spawnInGroup,
} from './process-group';
import { WarmShellPool } from './warm-shell-pool';

/** Options for {@link NodeShell}; every field has a default. */
export interface NodeShellOptions {
  /** Shell binary run with `-c`; default: bash from PATH, else /bin/sh. */
  shellPath?: string;
  /** Cap on output kept in memory per command, in characters (head and tail kept). Default 1,000,000. */
  maxOutputChars?: number;
  /** Time between SIGTERM and SIGKILL when a command is stopped, in ms. Default 2,000. */
  killGraceMs?: number;
  /** Folder for the small file that carries the working directory back. Default: os.tmpdir(). */
  tempDir?: string;
  /**
   * Shells started ahead of need, so the commands of one parallel batch start without each waiting
   * for the fork of the one before. Default 4; 0 starts every command cold.
   */
  warmShells?: number;
}

const defaultMaxOutputChars = 1_000_000;
const defaultWarmShells = 4;
const disposedMessage = 'The shell was shut down, so the command did not run.';
/** Refills wait this long after a shell was taken, so they never delay the rest of its batch. */
const warmRefillDelayMs = 50;

/**
 * Runs commands with `bash -c` in their own process group. stdin is /dev/null; stdout and stderr are
 * merged in order; the working directory after the command is captured (an EXIT trap writes `pwd -P`
 * to a temp file), so a `cd` can persist to the next call. Never throws for a failing command: spawn
 * errors come back as output with a null exit code. {@link NodeShell.dispose} ends every process it
 * started that still runs.
 */
export class NodeShell implements Shell {
  readonly #shellPath: string;
  readonly #maxOutputChars: number;
  readonly #killGraceMs: number;
  readonly #tempDir: string;
  readonly #background = new Map<string, NodeBackgroundShell>();
  readonly #foreground = new Set<ChildProcess>();
  readonly #warm: WarmShellPool;
  #nextId = 1;
  #disposed = false;

  constructor(options: NodeShellOptions = {}) {
    this.#shellPath = options.shellPath ?? findShell();
    this.#maxOutputChars = options.maxOutputChars ?? defaultMaxOutputChars;
    this.#killGraceMs = options.killGraceMs ?? defaultKillGraceMs;
    this.#tempDir = options.tempDir ?? tmpdir();
    this.#warm = new WarmShellPool({
      shell: this.#shellPath,
      size: options.warmShells ?? defaultWarmShells,
      cwd: this.#tempDir,
      refillDelayMs: warmRefillDelayMs,
    });
  }

  async run(options: ShellRunOptions): Promise<ShellRunResult> {
    const base = { exitCode: null, signal: null, timedOut: false, aborted: false, cwdAfter: options.cwd };
    if (options.signal.aborted) return { ...base, output: wholeText(''), aborted: true };
    if (!(await isDirectory(options.cwd))) {
      return { ...base, output: wholeText(`The working directory ${options.cwd} does not exist.`) };
    }
    // Checked after the await: a call in flight when the shell was disposed must not start late.
    if (this.#disposed) return { ...base, output: wholeText(disposedMessage), aborted: true };
    const cwdFile = join(this.#tempDir, `tandem-cwd-${randomBytes(8).toString('hex')}`);
    try {
      const result = await this.#execute(options, cwdFile);
      return { ...result, cwdAfter: (await readCwd(cwdFile)) ?? options.cwd };
    } finally {
      await rm(cwdFile, { force: true });
    }
  }

  #execute(options: ShellRunOptions, cwdFile: string): Promise<Omit<ShellRunResult, 'cwdAfter'>> {
    // The trap runs on every way out (exit, syntax error, end of script) and keeps the exit code.
    const script = `exec 2>&1\ntrap 'pwd -P > ${quoteForShell(cwdFile)}' EXIT\n${options.command}`;
    // A warm shell has the plain environment; a call with its own variables starts cold.
    const child =
      (options.env ? undefined : this.#warm.take(options.cwd, script)) ??
      spawnInGroup({ shell: this.#shellPath, script, cwd: options.cwd, env: shellEnvironment(options.env) });
    this.#foreground.add(child);
    const output = new OutputBuffer(this.#maxOutputChars);
    let timedOut = false;
    let aborted = false;
    const onData = (chunk: string) => {
      output.append(chunk);
      options.onOutput?.(chunk);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const timer = setTimeout(() => {
      timedOut = true;
      void killGroup(child, this.#killGraceMs);
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      void killGroup(child, this.#killGraceMs);
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    return new Promise((resolve) => {
      let done = false;
      const finish = (exitCode: number | null, signal: string | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.#foreground.delete(child);
        resolve({ exitCode, signal, output: output.text(), timedOut, aborted });
      };
      child.once('error', (error) => {
        output.append(`Could not start ${this.#shellPath}: ${error.message}`);
        finish(null, null);
      });
      child.once('exit', (code, signal) => {
        // A background `&` child may keep the pipes open; give the streams a moment, then stop waiting.
        const settle = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish(code, signal);
        }, 100);
        child.once('close', () => {
          clearTimeout(settle);
          finish(code, signal);
        });
      });
    });
  }

  startBackground(options: Omit<ShellRunOptions, 'timeoutMs' | 'onOutput' | 'signal'>): BackgroundShell {
    const id = `bash_${this.#nextId++}`;
    const child = spawnInGroup({
      shell: this.#shellPath,
      script: `exec 2>&1\n${options.command}`,
      cwd: options.cwd,
      env: shellEnvironment(options.env),
    });
    const shell = new NodeBackgroundShell({
      id,
      command: options.command,
      child,
      maxOutputChars: this.#maxOutputChars,
      killGraceMs: this.#killGraceMs,
    });
    this.#background.set(id, shell);
    if (this.#disposed) void shell.kill();
    return shell;
  }

  background(id: string): BackgroundShell | undefined {
    return this.#background.get(id);
  }

  listBackground(): BackgroundShell[] {
    return [...this.#background.values()];
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#warm.dispose();
    const background = [...this.#background.values()].filter((shell) => shell.status().running);
    await Promise.all([
      ...background.map((shell) => shell.kill()),
      ...[...this.#foreground].map((child) => killGroup(child, this.#killGraceMs)),
    ]);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readCwd(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).replace(/\n$/, '');
    return text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}
