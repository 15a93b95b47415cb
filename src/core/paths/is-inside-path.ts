import { normalizePath, pathSeparator } from './normalize-path';
import { parentPath } from './path-parts';

/**
 * True when `path` is `root` or lies below it. Both are normalised first, so separators, trailing
 * separators and `..` do not matter; `/workshop` is not inside `/work`. `caseInsensitive` folds case
 * (Windows, default macOS volumes).
 */
export function isInsidePath(path: string, root: string, caseInsensitive = false): boolean {
  const fold = (value: string) => (caseInsensitive ? value.toLowerCase() : value);
  const target = fold(normalizePath(path));
  const base = fold(normalizePath(root));
  // `/` and `C:\` end in their separator already; `\\server\share` does not.
  if (base.endsWith('/') || base.endsWith('\\')) return target.startsWith(base);
  return target === base || target.startsWith(`${base}${pathSeparator(base)}`);
}

/** Folders from `top` down to `bottom`, both included and normalised; empty unless `bottom` is inside `top`. */
export function foldersBetween(top: string, bottom: string): string[] {
  if (!isInsidePath(bottom, top)) return [];
  const stop = normalizePath(top);
  const folders: string[] = [];
  let current = normalizePath(bottom);
  for (;;) {
    folders.unshift(current);
    if (current === stop) return folders;
    const parent = parentPath(current);
    if (parent === current) return folders;
    current = parent;
  }
}
