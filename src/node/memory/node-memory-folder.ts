import { lstat, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MemoryFileInfo, MemoryFolder } from '../../core/memory/memory-folder';
import { MemoryFolderError } from '../../core/memory/memory-folder';
import { resolveMemoryPath } from '../../core/memory/memory-path';

/** Folder levels listed below the memory folder, as `resolveMemoryPath` allows. */
const maxListDepth = 3;

/**
 * The memory folder on disk. Every path is checked again here (`resolveMemoryPath`), and no
 * segment below the folder may be a symbolic link — not the file, not a folder on the way — so a
 * link planted in the folder (by a shell command, say) cannot lead a write to `~/.ssh`. The folder
 * itself may be a link: it is the person's own choice. Writes go to a temporary file renamed into
 * place; folders are created private (0700), files 0600.
 */
export class NodeMemoryFolder implements MemoryFolder {
  constructor(readonly location: string) {}

  async list(): Promise<MemoryFileInfo[]> {
    const files: MemoryFileInfo[] = [];
    const walk = async (relative: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(join(this.location, relative), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory() && depth < maxListDepth) await walk(path, depth + 1);
        else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
          const stats = await lstat(join(this.location, path));
          files.push({ path, size: stats.size, mtimeMs: stats.mtimeMs });
        }
      }
    };
    await walk('', 0);
    return files.sort((a, b) =>
      a.path === 'MEMORY.md' ? -1 : b.path === 'MEMORY.md' ? 1 : a.path.localeCompare(b.path),
    );
  }

  async read(path: string): Promise<string | undefined> {
    const absolute = await this.#checked(path);
    try {
      return await readFile(absolute, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new MemoryFolderError('io', `Could not read the memory file ${path}: ${String(error)}`);
    }
  }

  async write(path: string, text: string): Promise<void> {
    const absolute = await this.#checked(path);
    const segments = path.split('/');
    try {
      await mkdir(join(this.location, ...segments.slice(0, -1)), { recursive: true, mode: 0o700 });
      // Folders made just now could race with a link planted meanwhile: look again.
      await this.#checked(path);
      const temporary = join(
        this.location,
        ...segments.slice(0, -1),
        `.${segments.at(-1)}.${process.pid}.tmp`,
      );
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, absolute);
    } catch (error) {
      if (MemoryFolderError.is(error)) throw error;
      throw new MemoryFolderError('io', `Could not write the memory file ${path}: ${String(error)}`);
    }
  }

  async delete(path: string): Promise<boolean> {
    const absolute = await this.#checked(path);
    try {
      await unlink(absolute);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new MemoryFolderError('io', `Could not delete the memory file ${path}: ${String(error)}`);
    }
  }

  /** The absolute path of a valid memory path whose every existing segment is not a link. */
  async #checked(path: string): Promise<string> {
    const resolved = resolveMemoryPath(path);
    if (!resolved.ok) throw new MemoryFolderError('refused-path', resolved.reason);
    let current = this.location;
    for (const segment of resolved.path.split('/')) {
      current = join(current, segment);
      let link = false;
      try {
        link = (await lstat(current)).isSymbolicLink();
      } catch {
        break; // the rest does not exist yet: nothing to follow
      }
      if (link)
        throw new MemoryFolderError(
          'symlink',
          `The memory path "${path}" is refused: ${current} is a symbolic link, and memory never follows links out of its folder.`,
        );
    }
    return join(this.location, ...resolved.path.split('/'));
  }
}
