import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CLI process the test will kill, with what it printed so far. */
export interface KillableRun {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (null) and signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <script> ...args` in `cwd` with exactly `env` (plus PATH). */
export function startProcess(
  script: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): KillableRun {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, exited };
}

/**
 * Polls `condition` (every few ms) until it holds. Fails with the process's stderr if the process
 * ends first, so a crash reads as a crash and not as a hang.
 */
export async function waitUntil(condition: () => boolean, run: KillableRun, what: string): Promise<void> {
  let gone = false;
  void run.exited.then(() => (gone = true));
  while (!condition()) {
    if (gone) throw new Error(`The process ended while waiting for ${what}:\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The JSONL transcripts under a folder tree, newest layout first (`…/sessions/<id>.jsonl`). */
export function findTranscripts(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.jsonl')) found.push(path);
    }
  };
  walk(root);
  return found;
}

/** The transcript's lines parsed as JSON objects; a torn line is left out. */
export function transcriptObjects(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The text a transcript streamed after its last message entry: what a resume must show. */
export function textAfterLastMessage(objects: readonly Record<string, unknown>[]): string {
  let last = -1;
  objects.forEach((object, index) => {
    if (object.type === 'message') last = index;
  });
  return objects
    .slice(last + 1)
    .flatMap((object) =>
      object.type === 'stream-text' && typeof object.text === 'string' ? [object.text] : [],
    )
    .join('');
}
