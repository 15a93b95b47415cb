/** One file of the memory folder. */
export interface MemoryFileInfo {
  /** Relative to the memory folder, `/`-separated. */
  path: string;
  size: number;
  /** ms since the epoch. */
  mtimeMs: number;
}

/** Why the memory folder refused an operation; `code` for tests and the panel, `message` for the model. */
export class MemoryFolderError extends Error {
  constructor(
    readonly code: 'refused-path' | 'symlink' | 'not-found' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'MemoryFolderError';
  }

  static is(error: unknown, code?: MemoryFolderError['code']): error is MemoryFolderError {
    return error instanceof MemoryFolderError && (code === undefined || error.code === code);
  }
}

/**
 * The auto-memory folder of one project, behind a port: small Markdown files the agent keeps
 * between sessions, plus their index, `MEMORY.md`. Every path is relative to the folder and is
 * checked by `resolveMemoryPath` first; the implementation refuses, with a {@link MemoryFolderError},
 * anything that would reach outside it (symlinks included) and owns all of its I/O.
 */
export interface MemoryFolder {
  /** The folder, absolute (shown to the person, opened by the editor). */
  readonly location: string;
  /** Every memory file, `MEMORY.md` included; empty when the folder does not exist yet. */
  list(): Promise<MemoryFileInfo[]>;
  /** The file's text; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Creates or replaces the file (and its folders), atomically. */
  write(path: string, text: string): Promise<void>;
  /** False when there was no such file. */
  delete(path: string): Promise<boolean>;
}
