import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type {
  HookCommandRequest,
  HookCommandResult,
  HookExecutor,
  HookHttpRequest,
  HookHttpResult,
} from '../../core/hooks/hook-executor';

/** Output kept per stream; a chatty hook cannot fill memory. */
const maxOutputChars = 1_000_000;
/** How long output may still arrive after the shell exited. */
const exitGraceMs = 1_000;

/** Options of `NodeHookExecutor`. */
export interface NodeHookExecutorOptions {
  /** The shell that runs `-c <command>`. Default: `bash`, then `sh` if bash is missing. */
  shell?: string;
}

/**
 * Runs command hooks with `bash -c` in their own process group (killed whole on timeout or abort)
 * and HTTP hooks with `fetch`. Never throws.
 */
export class NodeHookExecutor implements HookExecutor {
  readonly #shell: string | undefined;

  constructor(options: NodeHookExecutorOptions = {}) {
    this.#shell = options.shell;
  }

  async runCommand(request: HookCommandRequest): Promise<HookCommandResult> {
    if (request.signal.aborted) return { kind: 'aborted' };
    const first = await runInShell(this.#shell ?? 'bash', request);
    if (first.kind === 'failed' && this.#shell === undefined && first.error.includes('ENOENT')) {
      return runInShell('sh', request);
    }
    return first;
  }

  async postHttp(request: HookHttpRequest): Promise<HookHttpResult> {
    if (request.signal.aborted) return { kind: 'aborted' };
    const timeout = AbortSignal.timeout(request.timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
        signal: AbortSignal.any([request.signal, timeout]),
        redirect: 'error',
      });
      const body = await response.text();
      return { kind: 'response', status: response.status, body: body.slice(0, maxOutputChars) };
    } catch (error) {
      if (request.signal.aborted) return { kind: 'aborted' };
      if (timeout.aborted) return { kind: 'timed-out' };
      return { kind: 'failed', error: describe(error) };
    }
  }
}

function runInShell(shell: string, request: HookCommandRequest): Promise<HookCommandResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(shell, ['-c', request.command], {
        cwd: request.cwd,
        env: { ...process.env, ...request.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (error) {
      resolve({ kind: 'failed', error: describe(error) });
      return;
    }
    let stdout = '';
    let stderr = '';
    let ending: 'timed-out' | 'aborted' | undefined;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxOutputChars) stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxOutputChars) stderr += chunk;
    });
    // A hook that exits without reading stdin makes the write fail with EPIPE; that is not an error.
    child.stdin?.on('error', () => {});
    child.stdin?.end(request.stdin);

    const stop = (reason: 'timed-out' | 'aborted') => {
      ending ??= reason;
      killGroup(child);
    };
    const timer = setTimeout(() => stop('timed-out'), request.timeoutMs);
    const onAbort = () => stop('aborted');
    request.signal.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = (result: HookCommandResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(grace);
      request.signal.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(result);
    };
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ending === 'aborted') finish({ kind: 'aborted' });
      else if (ending === 'timed-out') finish({ kind: 'timed-out', stdout, stderr });
      else if (code === null) finish({ kind: 'failed', error: `killed by ${signal ?? 'a signal'}` });
      else finish({ kind: 'exited', exitCode: code, stdout, stderr });
    };
    child.on('error', (error) => finish({ kind: 'failed', error: describe(error) }));
    child.on('close', settle);
    // A daemon started by the hook may keep the pipes open after the shell exits; do not wait for it.
    child.on('exit', (code, signal) => {
      grace = setTimeout(() => settle(code, signal), exitGraceMs);
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
