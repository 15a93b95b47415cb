import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import type { FileSearch } from '../../core/ports';

type GrepOptions = Parameters<FileSearch['grep']>[0];

/** Options for {@link RipgrepSearch}. */
export interface RipgrepSearchOptions {
  /** The rg binary; the editor passes its bundled one. Default: `rg` on PATH. */
  rgPath?: string;
  /** Cap on rg output read into memory, in characters; rg is stopped past it. Default 5,000,000. */
  maxOutputChars?: number;
}

interface RgRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  aborted: boolean;
  capped: boolean;
  spawnError?: string;
}

// Hidden files are searched (`.github/`, `.eslintrc`) but never the VCS folder; .gitignore applies
// even outside a git repository.
const commonArguments = [
  '--no-config',
  '--hidden',
  '--glob',
  '!.git',
  '--no-require-git',
  '--color',
  'never',
];

/**
 * FileSearch with ripgrep. Paths in results are absolute. Never throws: a bad pattern, an unknown
 * type or a missing rg comes back as `error` (grep) or an empty list (glob); rg's exit code 1 means
 * no match, not an error. Aborting the signal kills rg.
 */
export class RipgrepSearch implements FileSearch {
  readonly #rgPath: string;
  readonly #maxOutputChars: number;

  constructor(options: RipgrepSearchOptions = {}) {
    this.#rgPath = options.rgPath ?? 'rg';
    this.#maxOutputChars = options.maxOutputChars ?? 5_000_000;
  }

  /** Files matching `pattern` under `cwd`, newest first, at most `limit`. */
  async glob(options: {
    pattern: string;
    cwd: string;
    signal: AbortSignal;
    limit: number;
  }): Promise<string[]> {
    const run = await this.#run(
      ['--files', ...commonArguments, '--glob', options.pattern, '.'],
      options.cwd,
      options.signal,
    );
    const paths = lines(run.stdout).map((line) => join(options.cwd, stripDotSlash(line)));
    const withTimes = await Promise.all(
      paths.map(async (path) => ({
        path,
        mtimeMs: await stat(path).then(
          (info) => info.mtimeMs,
          () => 0,
        ),
      })),
    );
    withTimes.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
    return withTimes.slice(0, Math.max(0, options.limit)).map((entry) => entry.path);
  }

  async grep(options: GrepOptions): Promise<{ output: string; error?: string }> {
    const target = await searchTarget(options.cwd);
    if (!target) return { output: '', error: `Path does not exist: ${options.cwd}` };
    const run = await this.#run(
      [...grepArguments(options), '--', target.name],
      target.folder,
      options.signal,
    );
    if (run.spawnError) return { output: '', error: run.spawnError };
    if (run.aborted) return { output: '', error: 'The search was aborted.' };
    const output = absolutise(run.stdout, target.folder);
    const note = run.capped
      ? `\n[output stopped after ${this.#maxOutputChars.toLocaleString('en-US')} characters]`
      : '';
    if (run.exitCode === 0 || run.exitCode === 1 || run.capped) return { output: output + note };
    const error = run.stderr.trim() || `rg exited with code ${String(run.exitCode)}`;
    return { output: output + note, error };
  }

  #run(args: string[], cwd: string, signal: AbortSignal): Promise<RgRun> {
    return new Promise((resolve) => {
      const result: RgRun = { stdout: '', stderr: '', exitCode: null, aborted: false, capped: false };
      if (signal.aborted) return resolve({ ...result, aborted: true });
      const child = spawn(this.#rgPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const onAbort = () => {
        result.aborted = true;
        child.kill('SIGKILL');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        result.stdout += chunk;
        if (result.stdout.length > this.#maxOutputChars && !result.capped) {
          result.capped = true;
          child.kill('SIGKILL');
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (result.stderr += chunk));
      child.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ ...result, spawnError: `Could not run ripgrep (${this.#rgPath}): ${error.message}` });
      });
      child.once('close', (code) => {
        signal.removeEventListener('abort', onAbort);
        if (result.capped)
          result.stdout = result.stdout.slice(0, result.stdout.lastIndexOf('\n', this.#maxOutputChars) + 1);
        resolve({ ...result, exitCode: code });
      });
    });
  }
}

function grepArguments(options: GrepOptions): string[] {
  const args = [...commonArguments, '--max-columns', '500', '--sort', 'path'];
  if (options.mode === 'files_with_matches') args.push('--files-with-matches');
  else if (options.mode === 'count') args.push('--count', '--with-filename');
  else {
    args.push('--with-filename', '--no-heading');
    if (options.lineNumbers) args.push('--line-number');
    if (options.contextBefore !== undefined) args.push('--before-context', String(options.contextBefore));
    if (options.contextAfter !== undefined) args.push('--after-context', String(options.contextAfter));
  }
  if (options.caseInsensitive) args.push('--ignore-case');
  if (options.multiline) args.push('--multiline', '--multiline-dotall');
  if (options.glob) for (const glob of splitGlobs(options.glob)) args.push('--glob', glob);
  if (options.type) args.push('--type', options.type);
  args.push('--regexp', options.pattern);
  return args;
}

/** `*.{ts,tsx}` stays one glob; `*.ts *.md` or `*.ts,*.md` become two. */
function splitGlobs(glob: string): string[] {
  if (glob.includes('{')) return [glob];
  return glob.split(/[\s,]+/).filter(Boolean);
}

/** rg runs in the folder holding the target, so `--glob` patterns are relative to the search root. */
async function searchTarget(path: string): Promise<{ folder: string; name: string } | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  return info.isDirectory() ? { folder: path, name: '.' } : { folder: dirname(path), name: basename(path) };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

function stripDotSlash(path: string): string {
  return path.startsWith('./') ? path.slice(2) : path;
}

/** Turns the `./relative` paths rg prints at the start of each line into absolute ones. */
function absolutise(output: string, folder: string): string {
  // Plain concatenation: path.join would also normalise the matched text after the path.
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return output
    .split('\n')
    .map((line) => {
      if (line === '--' || line.length === 0) return line;
      const relative = stripDotSlash(line);
      return isAbsolute(relative) ? relative : prefix + relative;
    })
    .join('\n');
}
