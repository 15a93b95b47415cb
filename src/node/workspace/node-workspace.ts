import { randomBytes } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileContent, FileStat, Workspace } from '../../core/ports';

/**
 * The Workspace port on the local disk (node:fs/promises). Writes are atomic: the bytes go to a temp
 * file in the same folder, which then replaces the target by rename, keeping the target's mode; a
 * symlink is written through to its target rather than replaced. Errors from fs (ENOENT, EACCES)
 * propagate as thrown errors with their `code`, except `stat`, which returns undefined for a missing path.
 */
export class NodeWorkspace implements Workspace {
  readonly roots: readonly string[];

  constructor(roots: readonly string[]) {
    this.roots = roots.map((root) => resolve(root));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const info = await stat(path);
      const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
      return { kind, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readFile(path: string): Promise<FileContent> {
    return { bytes: new Uint8Array(await readFile(path)) };
  }

  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    const target = await this.realPath(resolve(path));
    const folder = dirname(target);
    await mkdir(folder, { recursive: true });
    const mode = await existingMode(target);
    const temp = join(folder, `.${basename(target)}.tandem-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, bytes, mode === undefined ? {} : { mode });
      // The umask may have narrowed the mode given to writeFile.
      if (mode !== undefined) await chmod(temp, mode);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async deleteFile(path: string): Promise<void> {
    await unlink(path);
  }

  async listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    const entries = await readdir(path, { withFileTypes: true });
    return Promise.all(
      entries.map(async (entry) => {
        if (!entry.isSymbolicLink()) return { name: entry.name, kind: kindOf(entry) };
        const target = await this.stat(join(path, entry.name));
        return { name: entry.name, kind: target?.kind ?? 'other' };
      }),
    );
  }

  /**
   * Resolves `..` and symlinks. For a path that does not exist yet, resolves its deepest existing
   * ancestor and appends the rest, so a new file under a symlinked folder maps to the real folder.
   */
  async realPath(path: string): Promise<string> {
    const absolute = resolve(path);
    const missing: string[] = [];
    let current = absolute;
    for (;;) {
      try {
        const real = await realpath(current);
        return missing.length === 0 ? real : join(real, ...missing.reverse());
      } catch (error) {
        const parent = dirname(current);
        if (!isMissing(error) || parent === current) return absolute;
        missing.push(basename(current));
        current = parent;
      }
    }
  }
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): FileStat['kind'] {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    const info = await lstat(path);
    return info.isFile() ? info.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
