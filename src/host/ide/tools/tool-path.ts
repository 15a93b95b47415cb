import { isAbsolute, join, normalize } from 'node:path';
import type { WorkspaceFolderInfo } from '../ide-editor';

/**
 * The absolute path a tool argument names. Clients send absolute paths, `file://` URIs (the CLI's
 * are not percent-encoded) or, rarely, paths relative to the first workspace folder.
 */
export function resolveToolPath(argument: string, folders: readonly WorkspaceFolderInfo[]): string {
  const path = argument.startsWith('file://') ? filePathOfUri(argument) : argument;
  if (isAbsolute(path)) return normalize(path);
  const root = folders[0]?.path;
  return root ? join(root, path) : normalize(path);
}

/** `file:///a/b c.ts` and `file:///a/b%20c.ts` both name `/a/b c.ts`; a stray `%` is kept as is. */
function filePathOfUri(uri: string): string {
  const path = uri.slice('file://'.length).replace(/^localhost\//, '/');
  // `file:///C:/x` names `C:/x` on Windows.
  const rest = process.platform === 'win32' ? path.replace(/^\/([A-Za-z]:)/, '$1') : path;
  if (!/%[0-9a-fA-F]{2}/.test(rest)) return rest;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
