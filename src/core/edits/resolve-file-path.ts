/** Path handling for the file tools: absolute-path checks and `.`/`..` folding, without node:path. */

/** True for `/x`, `C:\x`, `C:/x` and `\\server\share`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Folds `.` and `..` segments and repeated separators; keeps the path's own separator style. */
export function normalizePath(path: string): string {
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const root = /^(?:[A-Za-z]:[\\/]|\\\\|\/)/.exec(path)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of path.slice(root.length).split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return root + parts.join(separator);
}

/** Joins a path the model gave onto `cwd` unless it is already absolute, then normalises it. */
export function resolveAgainst(cwd: string, path: string): string {
  if (isAbsolutePath(path)) return normalizePath(path);
  return normalizePath(`${cwd.replace(/[\\/]+$/, '')}/${path}`);
}

/** The folder and the last segment of a path. */
export function splitPath(path: string): { directory: string; name: string } {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (index <= 0) return { directory: index === 0 ? path.slice(0, 1) : '.', name: path.slice(index + 1) };
  return { directory: path.slice(0, index), name: path.slice(index + 1) };
}

/**
 * Checks that a model-given `file_path` is absolute and folds it. The error names the absolute
 * path the model probably meant.
 */
export function requireAbsolutePath(
  path: string,
  cwd: string,
): { ok: true; path: string } | { ok: false; message: string } {
  if (isAbsolutePath(path)) return { ok: true, path: normalizePath(path) };
  return {
    ok: false,
    message: `file_path must be absolute, but "${path}" is relative. Did you mean "${resolveAgainst(cwd, path)}"?`,
  };
}

/** The permission target of a `file_path` tool: the folded absolute path, or none when it is relative. */
export function filePathTarget<Input extends { file_path: string }>(
  input: Input,
  context: { cwd: string },
): string | undefined {
  const resolved = requireAbsolutePath(input.file_path, context.cwd);
  return resolved.ok ? resolved.path : undefined;
}
