/**
 * Minimal path arithmetic for the core (which may not import node:path). Paths are absolute,
 * separators normalised to `/`; Windows drive letters (`C:/…`) are kept as the first segment.
 */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:/.exec(slashed)?.[0] ?? '';
  const rest = slashed.slice(drive.length);
  const absolute = rest.startsWith('/');
  const segments: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `${drive}${absolute ? '/' : ''}${segments.join('/')}` || '/';
}

/** Starts with `/`, `\\` or a drive letter. */
export function isAbsolutePath(path: string): boolean {
  return /^([A-Za-z]:)?[\\/]/.test(path);
}

/** The folder of a path; the root stays the root. */
export function parentPath(path: string): string {
  const normalized = normalizePath(path);
  const index = normalized.lastIndexOf('/');
  if (index <= 0) return normalized.startsWith('/') ? '/' : normalized;
  const parent = normalized.slice(0, index);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}/` : parent;
}

/** Joins and normalises. */
export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath([base, ...parts].join('/'));
}

/** `child` equals `folder` or lies inside it. */
export function isWithin(folder: string, child: string): boolean {
  const base = normalizePath(folder);
  const path = normalizePath(child);
  return path === base || path.startsWith(base.endsWith('/') ? base : `${base}/`);
}

/** Folders from `top` down to `bottom`, both included; empty when `bottom` is not inside `top`. */
export function foldersBetween(top: string, bottom: string): string[] {
  if (!isWithin(top, bottom)) return [];
  const folders: string[] = [];
  let current = normalizePath(bottom);
  const stop = normalizePath(top);
  for (;;) {
    folders.unshift(current);
    if (current === stop) return folders;
    const parent = parentPath(current);
    if (parent === current) return folders;
    current = parent;
  }
}
