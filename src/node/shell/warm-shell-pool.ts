import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { quoteForShell, shellEnvironment, spawnInGroup } from './process-group';

/** Options of {@link WarmShellPool}. */
export interface WarmShellPoolOptions {
  /** The shell binary, as for a cold spawn. */
  shell: string;
  /** Shells kept waiting; 0 keeps none. */
  size: number;
  /** Where the waiting shells start; each script moves to its own working directory first. */
  cwd: string;
  /** Quiet time after a shell is taken before the pool is filled again, in ms. */
  refillDelayMs: number;
}

// The waiting shell reads the whole script and runs it, leaving no variable of its own behind: the
// same as `-c script`, but the fork happened earlier. `$(cat)` works in any POSIX sh.
const launcher = 'eval "$(cat)"';

/**
 * Shell processes started ahead of need, each in its own process group and waiting for one script
 * on stdin. A fork copies the parent's page tables, so in a big process (the editor's extension
 * host) every spawn blocks the event loop for milliseconds and parallel calls start one after
 * another; a warm shell starts a command with one pipe write. Waiting shells do not keep the
 * process alive, and they exit on their own when it ends (their stdin closes). Refills wait for a
 * quiet moment so they do not delay the calls of the same batch.
 */
export class WarmShellPool {
  readonly #options: WarmShellPoolOptions;
  readonly #idle: WaitingShell[] = [];
  #refill: ReturnType<typeof setTimeout> | undefined;
  #broken = false;
  #disposed = false;

  constructor(options: WarmShellPoolOptions) {
    this.#options = options;
    this.#fill();
  }

  /**
   * A waiting shell that runs `script` in `cwd`, its output piped as a cold spawn's is; or
   * undefined when none is waiting (the caller spawns cold).
   */
  take(cwd: string, script: string): ChildProcess | undefined {
    this.#scheduleRefill();
    for (let waiting = this.#idle.shift(); waiting; waiting = this.#idle.shift()) {
      waiting.release();
      const { child } = waiting;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      setReferenced(child, true);
      // The script is in memory before it runs, so stdin can go to /dev/null as a cold spawn's does.
      child.stdin?.end(`exec </dev/null\ncd -- ${quoteForShell(cwd)} || exit\nunset OLDPWD\n${script}`);
      return child;
    }
    return undefined;
  }

  /** Ends the waiting shells; later calls to {@link take} find none. Never throws. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#refill);
    for (const { child } of this.#idle.splice(0)) child.kill('SIGKILL');
  }

  #fill(): void {
    while (!this.#broken && !this.#disposed && this.#idle.length < this.#options.size) {
      this.#idle.push(this.#start());
    }
  }

  #start(): WaitingShell {
    const child = spawnInGroup({
      shell: this.#options.shell,
      script: launcher,
      cwd: this.#options.cwd,
      env: shellEnvironment(),
      stdin: 'pipe',
    });
    // A shell that died waiting makes the script's write fail; its exit is reported instead.
    child.stdin?.on('error', () => {});
    const forget = () => {
      const index = this.#idle.findIndex((waiting) => waiting.child === child);
      if (index !== -1) this.#idle.splice(index, 1);
    };
    // A shell that cannot start would fail every refill the same way: leave it to cold spawns.
    const fail = () => {
      this.#broken = true;
      forget();
    };
    child.once('exit', forget);
    child.once('error', fail);
    setReferenced(child, false);
    return {
      child,
      release: () => {
        child.off('exit', forget);
        child.off('error', fail);
      },
    };
  }

  #scheduleRefill(): void {
    if (this.#disposed || this.#broken) return;
    clearTimeout(this.#refill);
    this.#refill = setTimeout(() => this.#fill(), this.#options.refillDelayMs);
    this.#refill.unref();
  }
}

interface WaitingShell {
  child: ChildProcess;
  /** Drops the pool's own listeners before the shell is handed out. */
  release(): void;
}

function setReferenced(child: ChildProcess, referenced: boolean): void {
  for (const stream of [child.stdin, child.stdout, child.stderr] as (Socket | null)[]) {
    if (referenced) stream?.ref();
    else stream?.unref();
  }
  if (referenced) child.ref();
  else child.unref();
}
