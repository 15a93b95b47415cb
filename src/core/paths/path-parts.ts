import { normalizePath, pathRoot, pathSeparator } from './normalize-path';

/** The folder of a path (normalised); a root is its own parent, and a bare name's folder is `.`. */
export function parentPath(path: string): string {
  const normalized = normalizePath(path);
  const root = pathRoot(normalized);
  if (normalized === root) return root;
  const index = normalized.lastIndexOf(pathSeparator(normalized));
  if (index === -1) return '.';
  const parent = normalized.slice(0, index);
  return parent.length < root.length ? root : parent;
}

/** The folder and the last segment of a path, normalised (`/a/b.ts` → `/a` and `b.ts`). */
export function splitPath(path: string): { directory: string; name: string } {
  const normalized = normalizePath(path);
  const directory = parentPath(normalized);
  if (directory === normalized) return { directory, name: '' };
  const name = normalized.slice(normalized.lastIndexOf(pathSeparator(normalized)) + 1);
  return { directory, name };
}
