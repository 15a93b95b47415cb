import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { BackgroundShell } from '../../core/ports';
import type { CutText } from '../../core/text/cut-middle';
import { OutputBuffer } from './output-buffer';
import { killGroup } from './process-group';

/** Options for {@link NodeBackgroundShell}; the child must already be spawned in its own group. */
export interface NodeBackgroundShellOptions {
  id: string;
  command: string;
  child: ChildProcess;
  maxOutputChars: number;
  killGraceMs: number;
  now?: () => number;
}

/**
 * A command running after its tool call returned. Buffers output (capped: head and tail kept),
 * remembers what was already read, and kills its whole process group on `kill()`.
 */
export class NodeBackgroundShell implements BackgroundShell {
  readonly id: string;
  readonly command: string;
  readonly #child: ChildProcess;
  readonly #all: OutputBuffer;
  #unread: OutputBuffer;
  readonly #maxOutputChars: number;
  readonly #killGraceMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;
  #lastOutputAt: number;
  #running = true;
  #exitCode: number | null = null;
  readonly #exited: Promise<void>;

  constructor(options: NodeBackgroundShellOptions) {
    this.id = options.id;
    this.command = options.command;
    this.#child = options.child;
    this.#maxOutputChars = options.maxOutputChars;
    this.#killGraceMs = options.killGraceMs;
    this.#now = options.now ?? Date.now;
    this.#all = new OutputBuffer(options.maxOutputChars);
    this.#unread = new OutputBuffer(options.maxOutputChars);
    this.#startedAt = this.#now();
    this.#lastOutputAt = this.#startedAt;
    const onData = (chunk: string) => this.#append(chunk);
    this.#child.stdout?.on('data', onData);
    this.#child.stderr?.on('data', onData);
    this.#exited = new Promise<void>((resolve) => {
      this.#child.once('error', (error) => {
        this.#append(`Could not start the command: ${error.message}\n`);
        this.#running = false;
        resolve();
      });
      this.#child.once('exit', (code, signal) => {
        this.#exitCode = code ?? (signal ? 128 + signalNumber(signal) : null);
        this.#running = false;
        resolve();
      });
    });
  }

  readNew(): CutText {
    const text = this.#unread.text();
    this.#unread = new OutputBuffer(this.#maxOutputChars);
    return text;
  }

  readAll(): CutText {
    return this.#all.text();
  }

  status(): { running: boolean; exitCode: number | null; startedAt: number; lastOutputAt: number } {
    return {
      running: this.#running,
      exitCode: this.#exitCode,
      startedAt: this.#startedAt,
      lastOutputAt: this.#lastOutputAt,
    };
  }

  async kill(): Promise<void> {
    await killGroup(this.#child, this.#killGraceMs);
    await this.#exited;
  }

  /** Resolves when the command has exited (for tests and disposal). */
  exited(): Promise<void> {
    return this.#exited;
  }

  #append(chunk: string): void {
    this.#all.append(chunk);
    this.#unread.append(chunk);
    this.#lastOutputAt = this.#now();
  }
}

/** Shell convention: a command killed by signal N exits with 128 + N. */
function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
