/**
 * The core's only ways out. Each port is implemented in src/node (plain Node) and src/host (the
 * editor). Implementations own their I/O and must honour the AbortSignal they are given.
 */
import type { ModelClient } from './model/model-client';
import type { CutText } from './text/cut-middle';

export type { ModelClient };

export interface FileStat {
  kind: 'file' | 'directory' | 'other';
  size: number;
  /** Modification time in ms since the epoch. */
  mtimeMs: number;
}

/** Raw file content: the exact bytes, so encoding, BOM and line endings can be kept on write. */
export interface FileContent {
  bytes: Uint8Array;
  /** In the editor, an open document with unsaved changes reports its buffer and `dirty: true`. */
  dirty?: boolean;
}

export interface Workspace {
  /** Folders the agent works in (absolute paths); writes outside them need asking. */
  readonly roots: readonly string[];
  /** undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<FileContent>;
  /** Creates parent folders as needed. In the editor, goes through WorkspaceEdit (undoable). */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  deleteFile(path: string): Promise<void>;
  listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]>;
  /** Resolves `..`, symlinks and case; returns the input unchanged when the path does not exist. */
  realPath(path: string): Promise<string>;
}

export interface ShellRunOptions {
  command: string;
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called with output chunks as they arrive (stdout and stderr interleaved). */
  onOutput?: (chunk: string) => void;
  env?: Record<string, string>;
}

export interface ShellRunResult {
  exitCode: number | null;
  signal: string | null;
  /** stdout and stderr as they interleaved; past the implementation's memory cap, its middle is cut and counted. */
  output: CutText;
  timedOut: boolean;
  aborted: boolean;
  /** The working directory after the command (a `cd` inside it persists to the next call). */
  cwdAfter: string;
}

export interface BackgroundShell {
  readonly id: string;
  readonly command: string;
  /** New output since the last call; past the implementation's cap, its middle is cut and counted. */
  readNew(): CutText;
  /** Everything so far, cut and counted the same way. */
  readAll(): CutText;
  status(): { running: boolean; exitCode: number | null; startedAt: number; lastOutputAt: number };
  kill(): Promise<void>;
}

export interface Shell {
  /** Runs in its own process group; the whole group is killed on abort or timeout. */
  run(options: ShellRunOptions): Promise<ShellRunResult>;
  startBackground(options: Omit<ShellRunOptions, 'timeoutMs' | 'onOutput' | 'signal'>): BackgroundShell;
  background(id: string): BackgroundShell | undefined;
  listBackground(): BackgroundShell[];
  /**
   * Ends every process this shell started and that still runs — background shells and foreground
   * commands, their whole process groups — and resolves once they are gone. Whoever owns the shell
   * (the agent session) calls it on dispose; commands asked for afterwards do not run. Never
   * throws; calling it twice is harmless.
   */
  dispose(): Promise<void>;
}

export interface SearchMatch {
  path: string;
  line?: number;
  text?: string;
}

/** ripgrep (or an equivalent) behind a port; respects .gitignore. */
export interface FileSearch {
  glob(options: { pattern: string; cwd: string; signal: AbortSignal; limit: number }): Promise<string[]>;
  grep(options: {
    pattern: string;
    cwd: string;
    glob?: string;
    type?: string;
    caseInsensitive?: boolean;
    multiline?: boolean;
    mode: 'content' | 'files_with_matches' | 'count';
    contextBefore?: number;
    contextAfter?: number;
    lineNumbers?: boolean;
    signal: AbortSignal;
  }): Promise<{ output: string; error?: string }>;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: string;
  truncated: boolean;
  /** The body converted to Markdown, when it was HTML (the conversion lives behind the port). */
  markdown?: string;
  /** Set instead of throwing: unsupported scheme, too many redirects, network failure, timeout. */
  error?: string;
  /** With `redirects: 'same-host'`: where a redirect to another host pointed (not followed; status is the 3xx). */
  redirect?: string;
}

export interface FetchOptions {
  signal: AbortSignal;
  maxBytes: number;
  /**
   * `follow` (default): follow up to 5 redirects anywhere. `same-host`: stop at a redirect to another
   * host (a leading `www.` is ignored) and report it in `redirect`, so permission rules see each host.
   */
  redirects?: 'follow' | 'same-host';
}

/** Fetches a URL. Must not throw: failures come back as `error` (with status 0 when nothing arrived). */
export interface Fetcher {
  fetch(url: string, options: FetchOptions): Promise<FetchResult>;
}

/** Where a saved tool result went, or why it could not be saved. */
export type SaveResultOutcome = { ok: true; path: string } | { ok: false; message: string };

/**
 * Keeps tool results too long for the context, so the agent can open them with Read later. The
 * Node side writes them under the session's folder. Must not throw: a failure is an outcome.
 */
export interface ToolResultStore {
  /** The folder saved results live in (absolute); the permission engine lets reads open it without asking. */
  readonly directory: string;
  /** Saves the whole text of one tool call's result, named after the call. */
  save(result: { toolUseId: string; text: string }): Promise<SaveResultOutcome>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

export const silentLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** What the person answered to a permission prompt. */
export type ApprovalAnswer =
  | { kind: 'allow-once' }
  | { kind: 'allow-always'; scope: 'session' | 'project' | 'user'; rule: string }
  | { kind: 'deny'; message?: string };

export interface ApprovalRequest {
  toolUseId: string;
  toolName: string;
  input: unknown;
  /** One line for the prompt: what will happen. */
  title: string;
  /** Why this needs asking (the rule or check that decided). */
  reason: string;
  /** A rule the person may add with "allow always". */
  suggestedRule?: string;
  /** For edits: a unified diff of what would change. */
  diff?: string;
}

/** Asks the person. Must resolve to deny (not hang) when nobody can answer. */
export interface Approver {
  ask(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}

export interface PendingEdit {
  toolUseId: string;
  path: string;
  /** undefined for a new file. */
  before: string | undefined;
  /** undefined for a deletion. */
  after: string | undefined;
  diff: string;
}

export type ReviewAnswer =
  | { kind: 'accept' }
  /** The person edited the proposal before accepting: write this instead. */
  | { kind: 'accept-modified'; content: string }
  | { kind: 'reject'; reason?: string };

/** Shows a pending edit before it is written; the host implements it with the panel and diff editor. */
export interface Reviewer {
  review(edit: PendingEdit, signal: AbortSignal): Promise<ReviewAnswer>;
}
