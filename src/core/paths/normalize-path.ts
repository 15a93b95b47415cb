/**
 * Path arithmetic for the core, which may not import node:path. The core runs on every platform, so
 * a path's kind is read from its root, not from the host: `/x` is POSIX, `C:\x` a drive path and
 * `\\server\share\x` a UNC path. Both separators are accepted everywhere; the result uses the root's
 * own: `/` for POSIX, `\` for drive and UNC paths, so one file always has one spelling (the key of
 * the file-state cache, the text a rule is matched against).
 */

const drivePattern = /^([A-Za-z]):[\\/]/;
// Two backslashes: a UNC share. `//x` stays POSIX, where it means `/x`; the permission checks
// refuse `//server/share` separately on Windows before any path reaches the disk.
const uncPattern = /^\\\\([^\\/]+)(?:[\\/]+([^\\/]+))?/;

/** How a path is rooted, and the separator its normalised form uses. */
interface PathRoot {
  /** The root as written in normal form: `/`, `C:\`, `\\server\share`; '' for a relative path. */
  root: string;
  /** What follows the root, still unnormalised. */
  rest: string;
  separator: '/' | '\\';
}

function splitRoot(path: string): PathRoot {
  const drive = drivePattern.exec(path);
  if (drive)
    return { root: `${drive[1]?.toUpperCase()}:\\`, rest: path.slice(drive[0].length), separator: '\\' };
  const unc = uncPattern.exec(path);
  if (unc) {
    const root = unc[2] === undefined ? `\\\\${unc[1]}` : `\\\\${unc[1]}\\${unc[2]}`;
    return { root, rest: path.slice(unc[0].length), separator: '\\' };
  }
  if (path.startsWith('/')) return { root: '/', rest: path, separator: '/' };
  return { root: '', rest: path, separator: '/' };
}

/** True for `/x`, `C:\x`, `C:/x` and `\\server\share`; false for `x`, `\x` and `C:x`. */
export function isAbsolutePath(path: string): boolean {
  return splitRoot(path).root !== '';
}

/** The root of an absolute path in normal form (`/`, `C:\`, `\\server\share`); '' when relative. */
export function pathRoot(path: string): string {
  return splitRoot(path).root;
}

/** The separator of the path's normal form: `\` for drive and UNC paths, `/` otherwise. */
export function pathSeparator(path: string): '/' | '\\' {
  return splitRoot(path).separator;
}

/**
 * Folds `.` and `..` segments and repeated or mixed separators, drops a trailing separator,
 * upper-cases a drive letter. An absolute path never climbs above its root (`/a/../../b` → `/b`,
 * `\\srv\share\..` → `\\srv\share`); a relative path keeps the `..` it cannot fold (`a/../../b` →
 * `../b`), and folds to `.` when nothing is left. Pure; never touches the disk (no symlinks).
 */
export function normalizePath(path: string): string {
  const { root, rest, separator } = splitRoot(path);
  const segments: string[] = [];
  for (const segment of rest.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (root === '') segments.push(segment);
  }
  const body = segments.join(separator);
  if (root === '') return body || '.';
  if (root.endsWith('/') || root.endsWith('\\')) return root + body;
  return body === '' ? root : `${root}${separator}${body}`;
}
