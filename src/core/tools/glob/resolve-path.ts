const windowsAbsolute = /^[A-Za-z]:[\\/]/;

/** True for `/x` and `C:\x`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || windowsAbsolute.test(path);
}

/**
 * Resolves `path` against `cwd` and normalises `.` and `..` segments, without touching the disk
 * (no symlinks, no `~`). Windows paths keep their drive and use `/` separators. Pure.
 */
export function resolvePath(cwd: string, path: string): string {
  const joined = isAbsolutePath(path) ? path : `${cwd.replace(/[\\/]+$/, '')}/${path}`;
  const drive = windowsAbsolute.test(joined) ? joined.slice(0, 2) : '';
  const segments: string[] = [];
  for (const segment of joined.slice(drive.length).split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `${drive}/${segments.join('/')}`;
}

/** True when `path` is `root` or below it; both absolute and normalised. */
export function isInsidePath(path: string, root: string): boolean {
  const base = root.replace(/[\\/]+$/, '');
  return path === base || path === root || path.startsWith(`${base}/`) || path.startsWith(`${base}\\`);
}
