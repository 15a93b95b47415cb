import { readFile, stat } from 'node:fs/promises';
import type { FileContent, FileStat } from '../../core/ports';
import type { MemoryReader } from '../../core/context/memory/memory-loader';

/**
 * Reads memory files straight from disk (the CLI, and the user-level files outside the editor's
 * workspace). `stat` resolves undefined for a missing path; `readFile` rejects like `fs.readFile`
 * (the loader turns that into "not found").
 */
export class NodeMemoryReader implements MemoryReader {
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const info = await stat(path);
      const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
      return { kind, size: info.size, mtimeMs: info.mtimeMs };
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<FileContent> {
    return { bytes: new Uint8Array(await readFile(path)) };
  }
}
