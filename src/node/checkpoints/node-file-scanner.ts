import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileScan, FileScanner, Fingerprint } from '../../core/checkpoints/checkpoint-ports';

/** Parallel stats at a time: enough to hide disk latency without flooding the thread pool. */
const statConcurrency = 32;

/** Options for {@link NodeFileScanner}. */
export interface NodeFileScannerOptions {
  /** The rg binary; the editor passes its bundled one. Default: `rg` on PATH. */
  rgPath?: string;
}

async function fingerprintOf(path: string): Promise<Fingerprint | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function mapLimited<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(statConcurrency, items.length) }, worker));
  return results;
}

/**
 * Lists files with ripgrep (`rg --files`: .gitignore respected, hidden files included, `.git`
 * never) and fingerprints them with `stat`. Rejects when rg cannot run, so the caller can say that
 * changes made by commands go unseen; stops rg once `limit` paths are listed, and reports a scan as
 * incomplete then or when rg could not read some folder.
 */
export class NodeFileScanner implements FileScanner {
  readonly #rgPath: string;

  constructor(options: NodeFileScannerOptions = {}) {
    this.#rgPath = options.rgPath ?? 'rg';
  }

  async scan(options: { roots: readonly string[]; limit: number; signal: AbortSignal }): Promise<FileScan> {
    const paths: string[] = [];
    let complete = true;
    for (const root of options.roots) {
      const listed = await this.#list(root, options.limit - paths.length, options.signal);
      paths.push(...listed.paths);
      complete &&= listed.complete;
      if (paths.length >= options.limit) break;
    }
    const fingerprints = await mapLimited(paths, fingerprintOf);
    const files = new Map<string, Fingerprint>();
    paths.forEach((path, index) => {
      const fingerprint = fingerprints[index];
      if (fingerprint) files.set(path, fingerprint);
    });
    return { files, complete };
  }

  stat(paths: readonly string[]): Promise<(Fingerprint | undefined)[]> {
    return mapLimited(paths, fingerprintOf);
  }

  #list(root: string, room: number, signal: AbortSignal): Promise<{ paths: string[]; complete: boolean }> {
    return new Promise((resolve, reject) => {
      const args = ['--files', '--no-config', '--hidden', '--glob', '!.git', '--no-require-git', '--null'];
      const child = spawn(this.#rgPath, args, {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
        windowsHide: true,
      });
      const paths: string[] = [];
      let rest = '';
      let complete = true;
      const stop = () => child.kill('SIGKILL');
      signal.addEventListener('abort', stop, { once: true });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\0');
        rest = parts.pop() ?? '';
        for (const part of parts) {
          if (paths.length >= room) {
            complete = false;
            stop();
            return;
          }
          paths.push(join(root, part));
        }
      });
      child.once('error', (error) => {
        signal.removeEventListener('abort', stop);
        reject(new Error(`Could not run ripgrep (${this.#rgPath}): ${error.message}`));
      });
      child.once('close', (code) => {
        signal.removeEventListener('abort', stop);
        if (signal.aborted) return reject(new Error('The scan was aborted.'));
        // rg exits 1 for an empty folder, 2 when some folder could not be read (the rest is listed).
        resolve({ paths, complete: complete && (code === 0 || code === 1) });
      });
    });
  }
}
