import type { FileContent, FileStat, Workspace } from '../../src/core/ports';

/** An in-memory Workspace for core tests: POSIX paths, no symlinks, mtimes from a counter. */
export class MemoryWorkspace implements Workspace {
  readonly files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  readonly roots: readonly string[];
  #clock = 1_000;

  constructor(roots: readonly string[] = ['/work'], files: Record<string, string | Uint8Array> = {}) {
    this.roots = roots;
    for (const [path, content] of Object.entries(files)) this.put(path, content);
  }

  /** Sets a file as if something outside the agent wrote it (advances its mtime). */
  put(path: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.files.set(path, { bytes, mtimeMs: ++this.#clock });
  }

  text(path: string): string | undefined {
    const file = this.files.get(path);
    return file ? new TextDecoder().decode(file.bytes) : undefined;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const file = this.files.get(path);
    if (file) return { kind: 'file', size: file.bytes.length, mtimeMs: file.mtimeMs };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const key of this.files.keys()) {
      if (key.startsWith(prefix)) return { kind: 'directory', size: 0, mtimeMs: 0 };
    }
    return undefined;
  }

  async readFile(path: string): Promise<FileContent> {
    const file = this.files.get(path);
    if (!file) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return { bytes: file.bytes };
  }

  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    this.files.set(path, { bytes, mtimeMs: ++this.#clock });
  }

  async deleteFile(path: string): Promise<void> {
    this.files.delete(path);
  }

  async listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Map<string, FileStat['kind']>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'directory');
    }
    return [...names].map(([name, kind]) => ({ name, kind }));
  }

  async realPath(path: string): Promise<string> {
    return path;
  }
}
