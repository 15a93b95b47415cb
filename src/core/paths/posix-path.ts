import { normalizePath } from './normalize-path';

/**
 * The POSIX form the permission rules are matched in, as Claude Code documents it: `C:\Users\a` →
 * `/c/Users/a`; a UNC path keeps its two leading slashes (`//server/share/x`); POSIX paths are only
 * normalised. Relative paths are resolved against `/`.
 */
export function toPosixPath(path: string): string {
  const normalized = normalizePath(path);
  const drive = /^([A-Z]):\\/.exec(normalized);
  if (drive)
    return `/${drive[1]?.toLowerCase()}/${normalized.slice(3).replace(/\\/g, '/')}`.replace(/\/$/, '') || '/';
  if (normalized.startsWith('\\\\')) return normalized.replace(/\\/g, '/');
  return normalized.startsWith('/') ? normalized : normalizePath(`/${normalized}`);
}

/**
 * A Windows UNC path in any spelling (`\\server\share`, `//server/share`, `\/server`, `\\?\UNC\…`).
 * Touching one can send the person's NTLM credentials to that server, so the permission checks
 * refuse such paths outright.
 */
export function isUncPath(path: string): boolean {
  return /^(\\\\|\/\/|\\\/|\/\\)[^\\/]/.test(path) || /^\\\\[?.]\\/.test(path);
}
