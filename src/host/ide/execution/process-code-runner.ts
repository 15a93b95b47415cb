import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shell } from '../../../core/ports';
import type { ExecutionResult } from './code-executor';
import { renderCut } from '../../../core/text/cut-middle';

/** Options of {@link runSnippetProcess}. */
export interface SnippetProcessOptions {
  code: string;
  /** The program and its arguments, as a shell word list: `python3`, `node`, `/usr/bin/env -S deno run`. */
  runtime: string;
  /** Extension of the temporary snippet file, which some runtimes read (`.py`, `.js`). */
  extension: string;
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  shell: Shell;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs a snippet as a one-off script: written to a private temporary file and handed to the
 * runtime in `cwd`, in its own process group (the shell adapter kills the group on timeout or
 * abort). Output is stdout and stderr interleaved; never throws.
 */
export async function runSnippetProcess(options: SnippetProcessOptions): Promise<ExecutionResult> {
  const file = join(tmpdir(), `tandem-snippet-${randomBytes(8).toString('hex')}${options.extension}`);
  try {
    await writeFile(file, options.code, { mode: 0o600 });
    const result = await options.shell.run({
      command: `${options.runtime} ${quote(file)}`,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    const notes = [
      result.timedOut ? `(stopped after ${duration(options.timeoutMs)})` : '',
      result.aborted ? '(stopped)' : '',
      result.exitCode !== null && result.exitCode !== 0 ? `(exit code ${result.exitCode})` : '',
    ].filter(Boolean);
    const text = [renderCut(result.output).replace(/\n$/, ''), ...notes].filter(Boolean).join('\n');
    return {
      output: text ? [{ type: 'text', text }] : [],
      failed: result.exitCode !== 0 || result.timedOut || result.aborted,
    };
  } catch (error) {
    return {
      output: [
        {
          type: 'text',
          text: `Could not run the code: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
      failed: true,
    };
  } finally {
    await rm(file, { force: true });
  }
}
