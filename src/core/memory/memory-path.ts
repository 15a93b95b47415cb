/** The memory folder's index file, always loaded into the prompt. */
export const memoryIndexName = 'MEMORY.md';

/** Longest relative path accepted, in characters. */
const maxPathChars = 200;
/** Sub-folder levels accepted below the memory folder. */
const maxDepth = 3;

/** A path inside the memory folder, or why it is refused (a sentence the model can act on). */
export type MemoryPathResult = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks a memory path as the model gives it: relative to the memory folder, `/`-separated,
 * Markdown files only. Refused: empty paths, absolute ones (`/x`, `C:\x`, `\\server\share`,
 * `~/x`), any `..` or `.` segment, backslashes, NUL and control characters, hidden segments, other
 * extensions, and paths too long or too deep. Pure: it never touches the disk — the adapter also
 * refuses symlinks that lead out (see NodeMemoryFolder). A leading `./` is dropped.
 */
export function resolveMemoryPath(requested: string): MemoryPathResult {
  const path = requested.trim().replace(/^\.\//, '');
  const refuse = (why: string): MemoryPathResult => ({
    ok: false,
    reason: `The memory path "${requested}" is refused: ${why}. Use a path relative to the memory folder, such as "${memoryIndexName}" or "feedback_testing.md".`,
  });
  if (path === '') return refuse('it is empty');
  if (path.length > maxPathChars) return refuse(`it is longer than ${maxPathChars} characters`);
  if (/[\u0000-\u001f\u007f]/.test(path)) return refuse('it contains control characters');
  if (path.includes('\\')) return refuse('it contains a backslash');
  if (path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:/.test(path))
    return refuse('it is absolute, and memory lives only in the memory folder');
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..')) return refuse('it leads out of the memory folder');
  if (segments.some((segment) => segment === '' || segment === '.')) return refuse('it has an empty segment');
  if (segments.some((segment) => segment.startsWith('.'))) return refuse('it names a hidden file or folder');
  if (segments.length > maxDepth + 1) return refuse(`it is more than ${maxDepth} folders deep`);
  if (!path.toLowerCase().endsWith('.md')) return refuse('memory files are Markdown (.md)');
  return { ok: true, path };
}
