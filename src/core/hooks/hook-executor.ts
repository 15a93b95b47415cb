/** The outcome of a command hook process. */
export type HookCommandResult =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  /** Killed (with its process group) after the timeout; what it printed so far. */
  | { kind: 'timed-out'; stdout: string; stderr: string }
  | { kind: 'aborted' }
  /** Could not start (no shell, bad cwd…) or died by a signal. */
  | { kind: 'failed'; error: string };

/** The outcome of an HTTP hook. */
export type HookHttpResult =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'timed-out' }
  | { kind: 'aborted' }
  | { kind: 'failed'; error: string };

/** One command hook run; `timeoutMs` is enforced by the executor. */
export interface HookCommandRequest {
  command: string;
  /** The event JSON, written to stdin. */
  stdin: string;
  cwd: string;
  /** Added to the inherited environment. */
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/** One HTTP hook call; `timeoutMs` is enforced by the executor. */
export interface HookHttpRequest {
  url: string;
  headers: Record<string, string>;
  /** The event JSON, POSTed as application/json. */
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Runs hook handlers; implemented in src/node/hooks. Both methods must not throw: every failure is
 * a result. The command runs in its own process group, killed whole on timeout or abort.
 */
export interface HookExecutor {
  runCommand(request: HookCommandRequest): Promise<HookCommandResult>;
  postHttp(request: HookHttpRequest): Promise<HookHttpResult>;
}
