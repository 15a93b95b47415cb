import type { Workspace } from '../../ports';
import { foldersBetween, isInsidePath } from '../../paths/is-inside-path';
import { normalizePath } from '../../paths/normalize-path';
import { parentPath } from '../../paths/path-parts';
import { expandHome, joinPath, resolvePath } from '../../paths/resolve-path';
import { findImports, stripHtmlComments } from './memory-text';

/** Where a memory file was found. */
export type MemoryScope = 'user' | 'project' | 'local' | 'subfolder' | 'import';

/** One memory file as loaded. */
export interface MemoryFile {
  /** Normalised absolute path. */
  path: string;
  scope: MemoryScope;
  /** Text with HTML comments removed; `@imports` stay as written (the imported files follow). */
  content: string;
  /** For imports: the file whose `@path` loaded it. */
  importedBy?: string;
  /** Import hops from the file that was looked up (0 for it). */
  depth: number;
}

/** Not fatal: a missing import, the depth limit, an unreadable file. */
export interface MemoryProblem {
  path: string;
  importedBy?: string;
  message: string;
}

/** Files in the order they go into the prompt, plus non-fatal problems. */
export interface MemoryLoadResult {
  files: MemoryFile[];
  problems: MemoryProblem[];
}

/** The part of the Workspace port memory needs; memory files may lie outside the workspace roots. */
export type MemoryReader = Pick<Workspace, 'stat' | 'readFile'>;

/** Paths are absolute; `reader` owns the I/O. */
export interface MemoryLoaderOptions {
  reader: MemoryReader;
  homeDir: string;
  projectRoot: string;
  cwd: string;
  /** `~/.claude` unless given (`$CLAUDE_CONFIG_DIR`). */
  userDir?: string;
  /** Import hops followed from a memory file. Default 5. */
  maxImportDepth?: number;
  /** Characters kept per file; the rest is cut with a note. Default 40,000. */
  maxFileChars?: number;
}

/** Looked up in every folder, in this order (so `CLAUDE.local.md` follows `CLAUDE.md`). */
const folderFiles: readonly { name: string; scope: 'project' | 'local' }[] = [
  { name: 'CLAUDE.md', scope: 'project' },
  { name: '.claude/CLAUDE.md', scope: 'project' },
  { name: 'AGENTS.md', scope: 'project' },
  { name: 'CLAUDE.local.md', scope: 'local' },
];

/**
 * Finds and reads CLAUDE.md / AGENTS.md memory for one session. `loadInitial` reads the user files
 * and every folder from the project root down to the working directory (root first);
 * `memoryForPath` later returns the files of deeper folders the first time the agent touches a path
 * there. A file is returned at most once per loader, which also makes import cycles harmless. Never
 * throws: unreadable files and bad imports are problems.
 */
export class MemoryLoader {
  readonly #options: MemoryLoaderOptions;
  readonly #loaded = new Set<string>();
  readonly #scannedFolders = new Set<string>();

  constructor(options: MemoryLoaderOptions) {
    this.#options = options;
  }

  async loadInitial(): Promise<MemoryLoadResult> {
    const result: MemoryLoadResult = { files: [], problems: [] };
    const { homeDir, projectRoot, cwd } = this.#options;
    const userDir = this.#options.userDir ?? joinPath(homeDir, '.claude');
    for (const name of ['CLAUDE.md', 'AGENTS.md']) {
      await this.#loadFile(joinPath(userDir, name), 'user', result);
    }
    const top = isInsidePath(cwd, projectRoot) ? projectRoot : cwd;
    for (const folder of foldersBetween(top, cwd)) await this.#loadFolder(folder, 'project', result);
    return result;
  }

  /**
   * Memory of the folders below the project root down to `path`'s folder that has not been loaded
   * yet. Empty for paths outside the project root. Call it when the agent first reads a file.
   */
  async memoryForPath(path: string): Promise<MemoryLoadResult> {
    const result: MemoryLoadResult = { files: [], problems: [] };
    const root = normalizePath(this.#options.projectRoot);
    const folder = parentPath(path);
    for (const candidate of foldersBetween(root, folder)) {
      if (candidate === root) continue;
      await this.#loadFolder(candidate, 'subfolder', result);
    }
    return result;
  }

  /** Forgets what was loaded (after a compaction the memory is sent again). */
  reset(): void {
    this.#loaded.clear();
    this.#scannedFolders.clear();
  }

  async #loadFolder(folder: string, scope: 'project' | 'subfolder', result: MemoryLoadResult): Promise<void> {
    if (this.#scannedFolders.has(folder)) return;
    this.#scannedFolders.add(folder);
    for (const file of folderFiles) {
      await this.#loadFile(joinPath(folder, file.name), scope === 'subfolder' ? scope : file.scope, result);
    }
  }

  async #loadFile(
    path: string,
    scope: MemoryScope,
    result: MemoryLoadResult,
    importedBy?: string,
    depth = 0,
  ): Promise<void> {
    const normalized = normalizePath(path);
    if (this.#loaded.has(normalized)) return;
    const text = await this.#read(normalized);
    if (text === undefined) {
      if (importedBy !== undefined)
        result.problems.push({ path: normalized, importedBy, message: 'imported file not found' });
      return;
    }
    this.#loaded.add(normalized);
    const content = stripHtmlComments(text);
    result.files.push({
      path: normalized,
      scope,
      content,
      depth,
      ...(importedBy !== undefined && { importedBy }),
    });
    const maxDepth = this.#options.maxImportDepth ?? 5;
    for (const reference of findImports(content)) {
      const target = this.#resolveImport(reference, normalized);
      if (this.#loaded.has(target)) continue;
      if (depth + 1 > maxDepth) {
        result.problems.push({
          path: target,
          importedBy: normalized,
          message: `import depth limit (${maxDepth}) reached`,
        });
        continue;
      }
      await this.#loadFile(target, 'import', result, normalized, depth + 1);
    }
  }

  #resolveImport(reference: string, from: string): string {
    return resolvePath(parentPath(from), expandHome(reference, this.#options.homeDir));
  }

  async #read(path: string): Promise<string | undefined> {
    try {
      const stat = await this.#options.reader.stat(path);
      if (stat?.kind !== 'file') return undefined;
      const content = await this.#options.reader.readFile(path);
      const text = new TextDecoder().decode(content.bytes).replace(/^\uFEFF/, '');
      const limit = this.#options.maxFileChars ?? 40_000;
      return text.length > limit
        ? `${text.slice(0, limit)}\n[… truncated: the file is longer than ${limit} characters]`
        : text;
    } catch {
      return undefined;
    }
  }
}
