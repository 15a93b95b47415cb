import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** What a lock file holds (§1.2); the CLI takes the port from the file name, not from here. */
export const lockFileSchema = z.looseObject({
  pid: z.number().int(),
  workspaceFolders: z.array(z.string()),
  ideName: z.string(),
  transport: z.literal('ws'),
  runningInWindows: z.boolean(),
  authToken: z.string(),
});

/** A lock file's content. */
export type LockFileContent = z.infer<typeof lockFileSchema>;

/** `$CLAUDE_CONFIG_DIR/ide`, else `~/.claude/ide`: where the CLI looks for IDEs. */
export function lockDirectory(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configured = env['CLAUDE_CONFIG_DIR'];
  return join(configured ? configured : join(home, '.claude'), 'ide');
}

/** The lock file of `port` in `directory`. */
export function lockFilePath(directory: string, port: number): string {
  return join(directory, `${port}.lock`);
}

/**
 * The folders a lock advertises: each one, and its real path too when a symlink leads there, since
 * the CLI compares them with its resolved working directory.
 */
export async function advertisedFolders(folders: readonly string[]): Promise<string[]> {
  const real = await Promise.all(folders.map((folder) => realpath(folder).catch(() => folder)));
  return [...new Set([...folders, ...real])];
}

/**
 * Writes the lock atomically (a private temporary file renamed over it, because the CLI deletes
 * lock files it cannot parse), readable by the user only, in a directory only the user can enter.
 * Resolves to the file's path.
 */
export async function writeLockFile(
  directory: string,
  port: number,
  content: LockFileContent,
): Promise<string> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await chmod(directory, 0o700).catch(() => undefined);
  const path = lockFilePath(directory, port);
  const temporary = join(directory, `.${port}.lock.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, JSON.stringify(content), { mode: 0o600 });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  return path;
}

/**
 * The lock of one running IDE server: port and token fixed for its lifetime (the CLI reconnects
 * with them), folders rewritten as they change, removed synchronously (the process may be exiting).
 */
export class IdeLockFile {
  readonly path: string;

  constructor(
    private readonly options: {
      directory: string;
      port: number;
      token: string;
      ideName: string;
      pid: number;
    },
  ) {
    this.path = lockFilePath(options.directory, options.port);
  }

  /** Writes (or rewrites) the lock advertising `folders` (absolute paths). */
  async write(folders: readonly string[]): Promise<void> {
    const { directory, port, token, ideName, pid } = this.options;
    await writeLockFile(directory, port, {
      pid,
      workspaceFolders: await advertisedFolders(folders),
      ideName,
      transport: 'ws',
      runningInWindows: process.platform === 'win32',
      authToken: token,
    });
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}

/** Whether a process with this pid exists (a permission error still means it does). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes lock files that `isOurs` recognises and whose pid is dead (a crashed window leaves its
 * lock behind). Other IDEs' locks and unreadable files are left alone. Resolves to what was removed.
 */
export async function sweepStaleLockFiles(
  directory: string,
  isOurs: (content: LockFileContent) => boolean,
  isAlive: (pid: number) => boolean = processAlive,
): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((candidate) => /^\d+\.lock$/.test(candidate))) {
    const path = join(directory, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : lockFileSchema.safeParse(parseJson(text));
    if (!parsed?.success || !isOurs(parsed.data) || isAlive(parsed.data.pid)) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
