/** Reading a file for the writing tools: decoded text, its format, and the read-before-write guard. */
import type { Workspace } from '../ports';
import type { FileSnapshot } from '../tools/file-state-cache';
import type { DecodedText } from './text-codec';
import { decodeText, isBinary } from './text-codec';

/** A path as the writing tools see it; only `text` can be edited. */
export type LoadedFile =
  | { kind: 'missing' }
  | { kind: 'directory' }
  | { kind: 'binary' }
  | { kind: 'text'; decoded: DecodedText; mtimeMs: number };

/** Stats and reads `path`. Never throws for a missing file; other I/O errors propagate. */
export async function loadTextFile(workspace: Workspace, path: string): Promise<LoadedFile> {
  const stat = await workspace.stat(path);
  if (!stat) return { kind: 'missing' };
  if (stat.kind === 'directory') return { kind: 'directory' };
  const { bytes } = await workspace.readFile(path);
  if (isBinary(bytes)) return { kind: 'binary' };
  return { kind: 'text', decoded: decodeText(bytes), mtimeMs: stat.mtimeMs };
}

/** Where a file stands against what the agent last read of it. */
export type ReadState = 'never-read' | 'unchanged' | 'changed';

/**
 * A file counts as changed only when both its mtime and its text differ from the snapshot: a touched
 * but identical file (a formatter that changed nothing, a checkout) is not a change.
 */
export function readState(
  snapshot: FileSnapshot | undefined,
  current: { text: string; mtimeMs: number },
): ReadState {
  if (!snapshot) return 'never-read';
  if (snapshot.mtimeMs === current.mtimeMs || snapshot.content === current.text) return 'unchanged';
  return 'changed';
}
