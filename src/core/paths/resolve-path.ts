import { isAbsolutePath, normalizePath } from './normalize-path';

/**
 * Makes `path` absolute against `cwd` (itself absolute) unless it already is, then normalises it.
 * `~` is not expanded here: see `expandHome`.
 */
export function resolvePath(cwd: string, path: string): string {
  if (isAbsolutePath(path)) return normalizePath(path);
  return normalizePath(`${cwd}/${path}`);
}

/** Joins segments onto `base` and normalises; an absolute segment does not restart the path. */
export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath([base, ...parts].join('/'));
}

/**
 * `~` and `~/x` (or `~\x`) against `home`, normalised; any other path, `~user/x` included, is
 * returned as it is.
 */
export function expandHome(path: string, home: string): string {
  if (path === '~') return normalizePath(home);
  if (path.startsWith('~/') || path.startsWith('~\\')) return joinPath(home, path.slice(2));
  return path;
}
